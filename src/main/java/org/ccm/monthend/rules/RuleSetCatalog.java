package org.ccm.monthend.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ccm.monthend.billing.ConflictRule;
import org.ccm.monthend.billing.CredentialCategory;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.FamilyRule;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.core.Checksums;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The rule sets of config/rules, one file per service year ({@code ccm-YYYY.yml}), and the practice's
 * chargemaster. A service month picks the rule set of its year; a year without one is refused, never
 * billed with another year's rules.
 *
 * <p>Each file is read once into memory and its SHA-256 taken of the very bytes that are parsed, so the checksum a
 * close records is the checksum of what it billed with, even when the file is edited while it is read.
 */
public final class RuleSetCatalog {

    /** The chargemaster "checksum" when there is no chargemaster file (every code charged at the fee schedule). */
    public static final String NO_CHARGEMASTER = "none";

    private static final Pattern FILE_NAME = Pattern.compile("ccm-([0-9]{4})\\.yml");
    /** A year in an id such as ccm-2026 (four digits not part of a longer number). */
    private static final Pattern YEAR_IN_ID = Pattern.compile("(?<![0-9])([0-9]{4})(?![0-9])");
    private static final Set<String> TOP_KEYS = orderedSet("id", "service-year", "families", "fees", "credentials",
            "complex-attestation", "ccm-codes", "conflicts");
    private static final Set<String> FAMILIES = orderedSet(Arrays.stream(Family.values()).map(Family::name).toArray(String[]::new));
    private static final Set<String> FAMILY_KEYS = orderedSet("base-code", "base-minutes", "add-on-code", "add-on-minutes",
            "max-add-on-units");
    private static final Set<String> CONFLICT_KEYS = orderedSet("name", "first-code", "last-code", "same-practitioner-only");
    private static final List<String> CATEGORIES = Arrays.stream(CredentialCategory.values()).map(CredentialCategory::name).toList();
    /** The values attestations.csv allows (data-contract.md); a rule value outside them could never match a month. */
    private static final List<String> MDM = List.of("STRAIGHTFORWARD", "LOW", "MODERATE", "HIGH");
    private static final List<String> CARE_PLAN_CHANGES = List.of("NONE", "ESTABLISHED", "SUBSTANTIALLY_REVISED");

    private final Path rulesDir;
    private final Path chargemaster;
    private final String chargemasterSha256;
    private final Map<String, BigDecimal> charges;

    private RuleSetCatalog(Path rulesDir, Path chargemaster, String chargemasterSha256, Map<String, BigDecimal> charges) {
        this.rulesDir = rulesDir;
        this.chargemaster = chargemaster;
        this.chargemasterSha256 = chargemasterSha256;
        this.charges = charges;
    }

    /** @param chargemaster the chargemaster file, or null / a missing file for "charge the fee schedule" */
    public static RuleSetCatalog load(Path rulesDir, Path chargemaster) {
        if (!Files.isDirectory(rulesDir)) {
            throw new RuleSetException("rules directory " + rulesDir + " does not exist (setting ccm.rules-dir)");
        }
        Map<String, BigDecimal> charges = Map.of();
        String chargemasterSha256 = NO_CHARGEMASTER;
        if (chargemaster != null && Files.exists(chargemaster)) {
            byte[] bytes = bytes(chargemaster);
            chargemasterSha256 = Checksums.sha256(bytes);
            charges = charges(chargemaster, read(chargemaster, bytes));
        }
        return new RuleSetCatalog(rulesDir, chargemaster, chargemasterSha256, Map.copyOf(charges));
    }

    /** The file that holds the rule set of a service month (it may not exist). */
    public Path fileFor(YearMonth month) {
        return rulesDir.resolve("ccm-" + month.getYear() + ".yml");
    }

    /** The rule set for a service month, read from {@code ccm-YYYY.yml}. */
    public RuleSet forMonth(YearMonth month) {
        return loadForMonth(month).ruleSet();
    }

    /** The rule set for a service month with the SHA-256 of the bytes it was parsed from, and of the chargemaster's. */
    public LoadedRuleSet loadForMonth(YearMonth month) {
        Path file = fileFor(month);
        if (!Files.exists(file)) {
            throw new RuleSetException("no rule set for service month " + month + ": " + file
                    + " does not exist; months are never billed with another year's rules");
        }
        byte[] bytes = bytes(file);
        RuleSet ruleSet = parse(file, read(file, bytes), charges);
        if (ruleSet.serviceYear() != month.getYear()) {
            throw new RuleSetException(file + ": service-year is " + ruleSet.serviceYear() + ", expected " + month.getYear());
        }
        return new LoadedRuleSet(ruleSet, file, Checksums.sha256(bytes), chargemaster, chargemasterSha256);
    }

    static RuleSet parse(Path file, Map<String, Object> doc, Map<String, BigDecimal> charges) {
        RuleValues values = new RuleValues(file);
        values.onlyKeys(doc, "", TOP_KEYS, "a key of a rule set");
        Integer fileYear = yearOfName(file);
        String id = values.present(doc, "", "id") == null ? null
                : values.text("id", doc.get("id"), "the rule set's id, such as ccm-" + (fileYear == null ? "2026" : fileYear));
        Matcher idYear = id == null ? null : YEAR_IN_ID.matcher(id);
        if (idYear != null && idYear.find() && fileYear != null && Integer.parseInt(idYear.group(1)) != fileYear) {
            values.problem("id", "must name the year " + fileYear + " of the file name " + file.getFileName() + ", got " + RuleValues.shown(id));
        }
        Object yearValue = values.present(doc, "", "service-year");
        Integer year = yearValue == null ? null : values.year("service-year", yearValue);
        if (year != null && fileYear != null && !year.equals(fileYear)) {
            values.problem("service-year", "must be " + fileYear + ", the year of the file name " + file.getFileName() + ", got " + year);
        }

        Map<Family, FamilyRule> families = families(values, doc);
        Map<String, Object> feeDocs = values.map(doc, "", "fees", "code to fee in USD");
        Map<String, BigDecimal> fees = amounts(values, feeDocs, "fees");
        if (feeDocs != null) {
            for (FamilyRule rule : families.values()) {
                requireFee(values, feeDocs, rule.baseCode(), rule.family() + "'s base code");
                requireFee(values, feeDocs, rule.addOnCode(), rule.family() + "'s add-on code");
            }
        }
        Map<String, CredentialCategory> credentials = credentials(values, values.map(doc, "", "credentials", "category to credentials"));

        Set<String> mdm = Set.of();
        Set<String> carePlanChanges = Set.of();
        Map<String, Object> complex = values.map(doc, "", "complex-attestation", "mdm and care-plan-change to the values that make a month complex");
        if (complex != null) {
            values.onlyKeys(complex, "complex-attestation", Set.of("mdm", "care-plan-change"), "a key of complex-attestation");
            mdm = oneOf(values, complex, "mdm", MDM);
            carePlanChanges = oneOf(values, complex, "care-plan-change", CARE_PLAN_CHANGES);
        }

        Set<String> ccmCodes = new LinkedHashSet<>();
        List<?> codes = values.list(doc, "", "ccm-codes", "CPT codes");
        for (int i = 0; codes != null && i < codes.size(); i++) {
            String code = values.code("ccm-codes[" + i + "]", codes.get(i));
            if (code != null) {
                ccmCodes.add(code);
            }
        }
        List<ConflictRule> conflicts = conflicts(values, values.list(doc, "", "conflicts", "services that exclude CCM"));
        values.check();
        return new RuleSet(id, year, families, fees, charges, credentials, ccmCodes, conflicts, mdm, carePlanChanges);
    }

    /** The chargemaster's amounts by code (an absent or empty 'charges' charges every code at the fee schedule). */
    static Map<String, BigDecimal> charges(Path file, Map<String, Object> doc) {
        RuleValues values = new RuleValues(file);
        values.onlyKeys(doc, "", Set.of("charges"), "a key of the chargemaster");
        Object listed = doc.get("charges");
        Map<String, BigDecimal> charges = listed == null ? Map.of()
                : amounts(values, values.asMap("charges", listed, "code to charge in USD"), "charges");
        values.check();
        return charges;
    }

    private static Map<Family, FamilyRule> families(RuleValues values, Map<String, Object> doc) {
        Map<Family, FamilyRule> families = new EnumMap<>(Family.class);
        Map<String, Object> familyDocs = values.map(doc, "", "families", "family to minute table");
        if (familyDocs == null) {
            return families;
        }
        values.onlyKeys(familyDocs, "families", FAMILIES, "a family");
        for (Family family : Family.values()) {
            String at = RuleValues.key("families", family.name());
            Map<String, Object> f = values.map(familyDocs, "families", family.name(), "minute-table keys");
            if (f == null) {
                continue;
            }
            values.onlyKeys(f, at, FAMILY_KEYS, "a key of a minute table");
            String baseCode = code(values, f, at, "base-code");
            String addOnCode = code(values, f, at, "add-on-code");
            BigDecimal baseMinutes = minutes(values, f, at, "base-minutes");
            BigDecimal addOnMinutes = minutes(values, f, at, "add-on-minutes");
            // a line deleted by mistake must not lift the cap: "no cap" is written as null
            Integer cap = null;
            boolean capValid = true;
            if (!f.containsKey("max-add-on-units")) {
                values.problem(RuleValues.key(at, "max-add-on-units"), "is missing (null for no cap)");
                capValid = false;
            }
            else if (f.get("max-add-on-units") != null) {
                cap = values.cap(RuleValues.key(at, "max-add-on-units"), f.get("max-add-on-units"));
                capValid = cap != null;
            }
            if (baseCode != null && addOnCode != null && baseMinutes != null && addOnMinutes != null && capValid) {
                families.put(family, new FamilyRule(family, baseCode, baseMinutes, addOnCode, addOnMinutes, cap));
            }
        }
        return families;
    }

    private static String code(RuleValues values, Map<String, Object> doc, String at, String key) {
        Object value = values.present(doc, at, key);
        return value == null ? null : values.code(RuleValues.key(at, key), value);
    }

    private static BigDecimal minutes(RuleValues values, Map<String, Object> doc, String at, String key) {
        Object value = values.present(doc, at, key);
        return value == null ? null : values.positiveMinutes(RuleValues.key(at, key), value);
    }

    /** Amounts by code ("fees" or "charges"), each code five characters and each amount 0 or more with two decimals. */
    private static Map<String, BigDecimal> amounts(RuleValues values, Map<String, Object> doc, String at) {
        if (doc == null) {
            return null;
        }
        Map<String, BigDecimal> amounts = new HashMap<>();
        doc.forEach((code, value) -> {
            String key = RuleValues.key(at, code);
            BigDecimal amount = values.amount(key, value);
            if (values.code(key, code) != null && amount != null) {
                amounts.put(code, amount);
            }
        });
        return amounts;
    }

    private static void requireFee(RuleValues values, Map<String, Object> fees, String code, String what) {
        if (code != null && !fees.containsKey(code)) {
            values.problem(RuleValues.key("fees", code), "is missing: it is " + what);
        }
    }

    private static Map<String, CredentialCategory> credentials(RuleValues values, Map<String, Object> doc) {
        Map<String, CredentialCategory> credentials = new HashMap<>();
        if (doc == null) {
            return credentials;
        }
        doc.forEach((name, list) -> {
            String at = RuleValues.key("credentials", name);
            CredentialCategory category = CATEGORIES.contains(name) ? CredentialCategory.valueOf(name) : null;
            if (category == null) {
                values.problem(at, "is not a credential category (" + String.join(", ", CATEGORIES) + ")");
            }
            if (!(list instanceof List<?> entries)) {
                values.problem(at, "must be a list of credentials such as [RN, MA], got " + RuleValues.shown(list));
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                String credential = values.text(at + "[" + i + "]", entries.get(i), "a credential such as RN");
                if (credential == null || category == null) {
                    continue;
                }
                CredentialCategory before = credentials.put(credential.toUpperCase(Locale.ROOT), category);
                if (before != null && before != category) {
                    values.problem(at + "[" + i + "]", "lists " + credential + ", which credentials." + before + " lists too");
                }
            }
        });
        return credentials;
    }

    private static Set<String> oneOf(RuleValues values, Map<String, Object> doc, String key, List<String> allowed) {
        Set<String> chosen = new LinkedHashSet<>();
        String at = RuleValues.key("complex-attestation", key);
        List<?> list = values.list(doc, "complex-attestation", key, "values from " + String.join(", ", allowed));
        for (int i = 0; list != null && i < list.size(); i++) {
            Object value = list.get(i);
            if (value instanceof String text && allowed.contains(text)) {
                chosen.add(text);
            }
            else {
                values.problem(at + "[" + i + "]", "must be one of " + String.join(", ", allowed) + ", got " + RuleValues.shown(value));
            }
        }
        return chosen;
    }

    private static List<ConflictRule> conflicts(RuleValues values, List<?> list) {
        List<ConflictRule> conflicts = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            String at = "conflicts[" + i + "]";
            Map<String, Object> conflict = values.asMap(at, list.get(i), "name, first-code, last-code (and same-practitioner-only)");
            if (conflict == null) {
                continue;
            }
            values.onlyKeys(conflict, at, CONFLICT_KEYS, "a key of a conflict");
            Object nameValue = values.present(conflict, at, "name");
            String name = nameValue == null ? null : values.text(RuleValues.key(at, "name"), nameValue, "a name such as PCM");
            String first = code(values, conflict, at, "first-code");
            String last = code(values, conflict, at, "last-code");
            boolean samePractitionerOnly = values.flag(conflict, at, "same-practitioner-only", false);
            if (first != null && last != null && first.compareTo(last) > 0) {
                values.problem(RuleValues.key(at, "last-code"), "must not come before first-code " + first + ", got " + last);
            }
            else if (name != null && first != null && last != null) {
                conflicts.add(new ConflictRule(name, first, last, samePractitionerOnly));
            }
        }
        return conflicts;
    }

    private static Integer yearOfName(Path file) {
        Matcher name = FILE_NAME.matcher(String.valueOf(file.getFileName()));
        return name.matches() ? Integer.valueOf(name.group(1)) : null;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        }
        catch (IOException ex) {
            throw new RuleSetException(file + ": cannot be read: " + ex.getMessage());
        }
    }

    private static Map<String, Object> read(Path file, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            LoaderOptions options = new LoaderOptions();
            // a key written twice (two base-minutes) would otherwise keep the last one without a word
            options.setAllowDuplicateKeys(false);
            Object doc = new Yaml(new SafeConstructor(options)).load(text);
            if (!(doc instanceof Map<?, ?>)) {
                throw new RuleSetException(file.normalize() + ": expected a YAML map at the top, got " + RuleValues.shown(doc));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) doc;
            return map;
        }
        catch (CharacterCodingException ex) {
            throw new RuleSetException(file + ": cannot be read: " + ex.getMessage());
        }
        catch (RuntimeException ex) {
            if (ex instanceof RuleSetException) {
                throw ex;
            }
            throw new RuleSetException(file.normalize() + ": not valid YAML: " + yamlProblem(ex));
        }
    }

    /** SnakeYAML's problem and where, in one line (its message spans several, with a snippet of the file). */
    private static String yamlProblem(RuntimeException ex) {
        if (ex instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            return context + marked.getProblem() + " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        }
        return String.valueOf(ex.getMessage()).replaceAll("\\s+", " ").trim();
    }

    private static Set<String> orderedSet(String... values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
    }
}
