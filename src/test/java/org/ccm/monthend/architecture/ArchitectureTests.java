package org.ccm.monthend.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of ../shared/style.md, enforced: features do not tangle, the rules stay plain Java,
 * and the command layer is a leaf that nobody builds on.
 */
class ArchitectureTests {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ccm.monthend");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.ccm.monthend.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void billingRulesUseNeitherSpringNorJdbcNorFiles() {
        noClasses().that().resideInAPackage("org.ccm.monthend.billing..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "java.io..",
                        "java.nio.file..", "javax.sql..")
                .check(main);
    }

    @Test
    void nobodyImportsTheCommandLayer() {
        noClasses().that().resideOutsideOfPackage("org.ccm.monthend.cli..")
                .and().doNotHaveFullyQualifiedName("org.ccm.monthend.CcmMonthEndApplication")
                .should().dependOnClassesThat().resideInAPackage("org.ccm.monthend.cli..")
                .check(main);
    }

    @Test
    void coreImportsNoFeature() {
        classes().that().resideInAPackage("org.ccm.monthend.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.ccm.monthend.core..", "java..", "javax..",
                        "org.springframework..", "org.slf4j..", "ch.qos.logback..", "sun.misc..")
                .check(main);
    }

    @Test
    void noFeatureImportsTheConsole() {
        noClasses().that().resideOutsideOfPackage("org.ccm.monthend.web..")
                .should().dependOnClassesThat().resideInAPackage("org.ccm.monthend.web..")
                .check(main);
    }

    /** The console's beans exist only in the web context of 'serve': every other command starts without them. */
    @Test
    void consoleBeansOnlyInTheWebContext() {
        classes().that().resideInAPackage("org.ccm.monthend.web..")
                .and().areMetaAnnotatedWith(org.springframework.stereotype.Component.class)
                .should().beAnnotatedWith(org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.class)
                .check(main);
    }
}
