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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ccm.monthend.billing.ConflictRule;
import org.ccm.monthend.billing.CredentialCategory;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.FamilyRule;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.core.Checksums;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
        Map<String, BigDecimal> charges = new HashMap<>();
        String chargemasterSha256 = NO_CHARGEMASTER;
        if (chargemaster != null && Files.exists(chargemaster)) {
            byte[] bytes = bytes(chargemaster);
            chargemasterSha256 = Checksums.sha256(bytes);
            Map<String, Object> doc = read(chargemaster, bytes);
            Object listed = doc.get("charges");
            if (listed instanceof Map<?, ?> map) {
                map.forEach((code, amount) -> charges.put(String.valueOf(code), decimal(chargemaster, "charges." + code, amount)));
            }
            else if (listed != null) {
                throw new RuleSetException(chargemaster + ": 'charges' must be a map of code to amount");
            }
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
        String id = text(file, doc, "id");
        int year = decimal(file, "service-year", required(file, doc, "service-year")).intValueExact();

        Map<Family, FamilyRule> families = new EnumMap<>(Family.class);
        Map<String, Object> familyDocs = map(file, doc, "families");
        for (Family family : Family.values()) {
            Map<String, Object> f = map(file, familyDocs, family.name());
            String at = "families." + family.name() + ".";
            Object cap = f.get("max-add-on-units");
            families.put(family, new FamilyRule(family, text(file, f, "base-code"),
                    decimal(file, at + "base-minutes", required(file, f, "base-minutes")),
                    text(file, f, "add-on-code"),
                    positive(file, at + "add-on-minutes", decimal(file, at + "add-on-minutes", required(file, f, "add-on-minutes"))),
                    cap == null ? null : decimal(file, at + "max-add-on-units", cap).intValueExact()));
        }

        Map<String, BigDecimal> fees = new HashMap<>();
        map(file, doc, "fees").forEach((code, amount) -> fees.put(code, decimal(file, "fees." + code, amount)));
        for (FamilyRule rule : families.values()) {
            for (String code : List.of(rule.baseCode(), rule.addOnCode())) {
                if (!fees.containsKey(code)) {
                    throw new RuleSetException(file + ": fees has no amount for " + code);
                }
            }
        }

        Map<String, CredentialCategory> credentials = new HashMap<>();
        Map<String, Object> credentialDocs = map(file, doc, "credentials");
        credentialDocs.forEach((category, list) -> {
            CredentialCategory parsed;
            try {
                parsed = CredentialCategory.valueOf(category);
            }
            catch (IllegalArgumentException ex) {
                throw new RuleSetException(file + ": credentials." + category + " is not a category " + List.of(CredentialCategory.values()));
            }
            for (String credential : strings(file, "credentials." + category, list)) {
                credentials.put(credential.toUpperCase(Locale.ROOT), parsed);
            }
        });

        Map<String, Object> complex = map(file, doc, "complex-attestation");
        List<ConflictRule> conflicts = new ArrayList<>();
        Object conflictDocs = required(file, doc, "conflicts");
        if (!(conflictDocs instanceof List<?> list)) {
            throw new RuleSetException(file + ": conflicts must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> c)) {
                throw new RuleSetException(file + ": each conflict needs name, first-code, last-code");
            }
            Map<String, Object> conflict = new Section("conflicts[" + i + "].", c);
            String first = text(file, conflict, "first-code");
            String last = text(file, conflict, "last-code");
            if (first.length() != last.length()) {
                throw new RuleSetException(file + ": conflict " + conflict.get("name") + " has codes of different lengths");
            }
            conflicts.add(new ConflictRule(text(file, conflict, "name"), first, last,
                    Boolean.TRUE.equals(conflict.get("same-practitioner-only"))));
        }
        return new RuleSet(id, year, families, fees, charges, credentials,
                new LinkedHashSet<>(strings(file, "ccm-codes", required(file, doc, "ccm-codes"))), conflicts,
                Set.copyOf(strings(file, "complex-attestation.mdm", required(file, complex, "mdm"))),
                Set.copyOf(strings(file, "complex-attestation.care-plan-change", required(file, complex, "care-plan-change"))));
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
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(doc instanceof Map<?, ?>)) {
                throw new RuleSetException(file + ": expected a YAML map at the top");
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
            throw new RuleSetException(file + ": not valid YAML: " + ex.getMessage());
        }
    }

    private static Object required(Path file, Map<String, Object> doc, String key) {
        Object value = doc.get(key);
        if (value == null) {
            throw new RuleSetException(file + ": '" + pathOf(doc) + key + "' is missing");
        }
        return value;
    }

    private static String pathOf(Map<String, Object> doc) {
        return doc instanceof Section section ? section.path : "";
    }

    /** A nested map that knows where it is in the file, so a message can name the full key (families.COMPLEX.base-minutes). */
    private static final class Section extends HashMap<String, Object> {

        private final String path;

        Section(String path, Map<?, ?> values) {
            this.path = path;
            values.forEach((k, v) -> put(String.valueOf(k), v));
        }
    }

    private static String text(Path file, Map<String, Object> doc, String key) {
        return String.valueOf(required(file, doc, key));
    }

    private static Map<String, Object> map(Path file, Map<String, Object> doc, String key) {
        Object value = required(file, doc, key);
        if (!(value instanceof Map<?, ?> values)) {
            throw new RuleSetException(file + ": '" + pathOf(doc) + key + "' must be a map");
        }
        return new Section(pathOf(doc) + key + ".", values);
    }

    private static List<String> strings(Path file, String key, Object value) {
        if (!(value instanceof List<?> list)) {
            throw new RuleSetException(file + ": '" + key + "' must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static BigDecimal decimal(Path file, String key, Object value) {
        try {
            return new BigDecimal(String.valueOf(value));
        }
        catch (NumberFormatException ex) {
            throw new RuleSetException(file + ": '" + key + "' is not a number: " + value);
        }
    }

    private static BigDecimal positive(Path file, String key, BigDecimal value) {
        if (value.signum() <= 0) {
            throw new RuleSetException(file + ": '" + key + "' must be positive");
        }
        return value;
    }
}
