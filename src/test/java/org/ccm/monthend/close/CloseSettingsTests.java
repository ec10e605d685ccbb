package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.billing.DateOfServicePolicy;
import org.ccm.monthend.billing.SelectionPolicy;
import org.ccm.monthend.rules.LoadedRuleSet;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class CloseSettingsTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final CcmProperties.Billing DEFAULTS = new CcmProperties.Billing(SelectionPolicy.HIGHEST_EXPECTED_PAYMENT,
            DateOfServicePolicy.LAST_DAY_OF_MONTH);

    @TempDir
    Path dir;

    @Test
    void acceptsTheSettingsItRecorded() {
        ExecutionContext context = new ExecutionContext();
        CloseSettings settings = new CloseSettings(shipped(), DEFAULTS);
        settings.putInto(context);

        assertThatCode(() -> new CloseSettings(shipped(), DEFAULTS).requireSameAs(context)).doesNotThrowAnyException();
    }

    @Test
    void namesEverySettingThatChanged() throws Exception {
        ExecutionContext context = new ExecutionContext();
        new CloseSettings(shipped(), DEFAULTS).putInto(context);
        Path chargemaster = Files.writeString(dir.resolve("chargemaster.yml"), "charges:\n  \"99490\": 85.00\n");
        LoadedRuleSet edited = RuleSetCatalog.load(Path.of("config/rules"), chargemaster).loadForMonth(OCTOBER);

        assertThatIllegalStateException()
                .isThrownBy(() -> new CloseSettings(edited, new CcmProperties.Billing(SelectionPolicy.PREFER_COMPLEX_WHEN_ATTESTED,
                        DateOfServicePolicy.LAST_DAY_OF_MONTH)).requireSameAs(context))
                .withMessage("chargemaster " + chargemaster + " changed since this close started;"
                        + " setting ccm.billing.selection-policy changed from HIGHEST_EXPECTED_PAYMENT to PREFER_COMPLEX_WHEN_ATTESTED"
                        + " since this close started; restore them to finish the close, or abandon the execution and close a new revision");
    }

    @Test
    void namesAChangedRuleFileAsBefore() {
        ExecutionContext context = new ExecutionContext();
        new CloseSettings(shipped(), DEFAULTS).putInto(context);
        context.putString(MonthCloseNames.RULE_SET_SHA256, "0".repeat(64));

        assertThatIllegalStateException().isThrownBy(() -> new CloseSettings(shipped(), DEFAULTS).requireSameAs(context))
                .withMessage("rule set " + Path.of("config/rules/ccm-2026.yml") + " changed since this close started;"
                        + " restore it to finish the close, or abandon the execution and close a new revision");
    }

    /** A close started before the chargemaster and the settings were recorded can still be finished. */
    @Test
    void comparesOnlyWhatTheCloseRecorded() {
        ExecutionContext context = new ExecutionContext();
        context.putString(MonthCloseNames.RULE_SET_SHA256, shipped().sha256());

        assertThatCode(() -> new CloseSettings(shipped(), new CcmProperties.Billing(SelectionPolicy.PREFER_COMPLEX_WHEN_ATTESTED,
                DateOfServicePolicy.THRESHOLD_MET)).requireSameAs(context)).doesNotThrowAnyException();
    }

    private static LoadedRuleSet shipped() {
        return RuleSetCatalog.load(Path.of("config/rules"), null).loadForMonth(OCTOBER);
    }
}
