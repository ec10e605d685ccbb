package org.ccm.monthend.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.ccm.monthend.importing.Identifiers;

/**
 * The practice's care team: about one billing practitioner per 200 patients (at least 2), one clinical staff
 * member per 75 patients (at least 4) and a few non-clinical members whose time never counts. Small enough to
 * keep in memory even for a million patients (about 19,000 members).
 */
final class CareTeam {

    enum Category { PRACTITIONER, CLINICAL, NON_CLINICAL }

    record Member(String id, String name, String credential, String npi, Category category) {
    }

    /** Mostly physicians, some nurse practitioners and physician assistants. */
    private static final List<String> PRACTITIONER_CREDENTIALS = List.of("MD", "NP", "MD", "DO", "MD", "PA", "NP", "MD");
    private static final List<String> CLINICAL_CREDENTIALS = List.of("RN", "MA", "LPN", "CMA", "RN", "MA", "PHARMD", "RN",
            "LCSW", "MA");
    /** Licensed staff often hold an NPI of their own; assistants do not. */
    private static final List<String> CLINICAL_WITH_NPI = List.of("RN", "PHARMD", "LCSW");
    private static final List<String> NON_CLINICAL_CREDENTIALS = List.of("SCHED", "BILLING");
    /** NUCC taxonomy codes of the credentials that hold an NPI (the rendering provider's PRV of an 837P). */
    private static final Map<String, String> TAXONOMY = Map.of("MD", "207R00000X", "DO", "207Q00000X", "NP", "363LF0000X",
            "PA", "363A00000X", "RN", "163W00000X", "PHARMD", "183500000X", "LCSW", "1041C0700X");

    final List<Member> practitioners = new ArrayList<>();
    final List<Member> clinical = new ArrayList<>();
    final List<Member> nonClinical = new ArrayList<>();
    private final int total;
    private final long npiOffset;

    CareTeam(int patients, long seed) {
        SplittableRandom random = new SplittableRandom(DemoGenerator.mix(seed, -1));
        int practitionerCount = Math.max(2, Math.round(patients / 200f));
        int clinicalCount = Math.max(4, (patients + 74) / 75);
        int nonClinicalCount = 2 + patients / 5000;
        total = practitionerCount + clinicalCount + nonClinicalCount;
        int width = Math.max(3, String.valueOf(total).length());
        npiOffset = Math.floorMod(DemoGenerator.mix(seed, -2), 100_000_000L);
        int n = 0;
        for (int i = 0; i < practitionerCount; i++) {
            n++;
            practitioners.add(new Member(id(n, width), name(random),
                    PRACTITIONER_CREDENTIALS.get(i % PRACTITIONER_CREDENTIALS.size()), npi(n, npiOffset), Category.PRACTITIONER));
        }
        for (int i = 0; i < clinicalCount; i++) {
            n++;
            String credential = CLINICAL_CREDENTIALS.get(i % CLINICAL_CREDENTIALS.size());
            clinical.add(new Member(id(n, width), name(random), credential,
                    CLINICAL_WITH_NPI.contains(credential) ? npi(n, npiOffset) : null, Category.CLINICAL));
        }
        for (int i = 0; i < nonClinicalCount; i++) {
            n++;
            nonClinical.add(new Member(id(n, width), name(random),
                    NON_CLINICAL_CREDENTIALS.get(i % NON_CLINICAL_CREDENTIALS.size()), null, Category.NON_CLINICAL));
        }
    }

    long write(RowSink sink) {
        long rows = 0;
        for (List<Member> members : List.of(practitioners, clinical, nonClinical)) {
            for (Member m : members) {
                sink.row(new InputRow.CareTeamMember(m.id(), m.name(), m.credential(), m.npi(),
                        m.npi() == null ? null : TAXONOMY.get(m.credential())));
                rows++;
            }
        }
        return rows;
    }

    /** The type-2 NPI of practice {@code k} (1, 2, ...): numbered after the members, so distinct from all of theirs. */
    String groupNpi(int k) {
        return npi(total + k, npiOffset);
    }

    private static String id(int n, int width) {
        return "M" + DemoGenerator.pad(n, width);
    }

    private static String name(SplittableRandom random) {
        return Names.pick(random.nextBoolean() ? Names.FEMALE : Names.MALE, random) + " " + Names.pick(Names.LAST, random);
    }

    /** Distinct valid NPIs: 1 + 8 digits from a bijection of the member number (odd multiplier, not a multiple of 5). */
    private static String npi(int n, long offset) {
        long body = Math.floorMod(n * 7_919_311L + offset, 100_000_000L);
        String nine = "1" + DemoGenerator.pad(body, 8);
        return nine + Identifiers.npiCheckDigit(nine);
    }
}
