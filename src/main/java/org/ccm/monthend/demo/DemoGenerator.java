package org.ccm.monthend.demo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.ccm.monthend.demo.CareTeam.Member;
import org.ccm.monthend.importing.Identifiers;
import org.ccm.monthend.importing.InputFile;

/**
 * Generates the practice one patient at a time, so memory stays flat however many patients are asked for.
 * <p>
 * Every patient gets a profile that decides how its month ends under ccm-rules.md: most are billable (99490 with
 * 0, 1 or 2 add-ons; attested complex; mostly practitioner time), and a few percent fail each gate of section 4.
 * Profiles are dealt by slot, {@code (i * 37 + offset) mod 100}, so every run of 100 consecutive patients holds
 * every profile in its exact share, even for a small practice. Independently of the profile, some patients get a
 * "feature": time entries that do not count (section 3), an opt-out in the month, a re-enrolment.
 * <p>
 * Each patient draws from its own random stream derived from the seed and its number, so a patient's rows do
 * not depend on how many patients come before or after it.
 */
final class DemoGenerator {

    enum Profile {
        /** Staff time 20 to 110 minutes: 99490 with 0, 1 or 2 units of 99439. */
        STANDARD(55),
        /** Attested complex (MODERATE/HIGH and ESTABLISHED/SUBSTANTIALLY_REVISED), 60 to 150 minutes. */
        COMPLEX(9),
        /** Mostly the billing practitioner's own time: 99491 wins at 30-39 and 90+ minutes. */
        PRACTITIONER(7),
        /** Enrolled, no time at all this month. */
        NO_TIME(2),
        NOT_ENROLLED(3),
        NO_CONSENT(3),
        FEWER_THAN_TWO_CHRONIC_CONDITIONS(3),
        NO_CARE_PLAN(3),
        NO_INITIATING_VISIT(3),
        INELIGIBLE_BILLING_PRACTITIONER(2),
        BILLED_ELSEWHERE(3),
        CONFLICTING_SERVICE(3),
        /** Under 20 minutes in total, some just under (19.50, 19.75). */
        BELOW_THRESHOLD(4);

        final int slots;

        Profile(int slots) {
            this.slots = slots;
        }
    }

    enum Feature {
        /** Time logged to RPM, PCM or BHI. */
        OTHER_PROGRAM(6),
        FACE_TO_FACE(5),
        /** Consent given mid-month; some time logged before it. */
        BEFORE_CONSENT(5),
        /** An inpatient stay in the month with time logged during it. */
        INPATIENT_STAY(5),
        /** Time logged by a scheduler or a billing clerk. */
        NON_CLINICAL(5),
        /** Time by a practitioner who is not the patient's billing practitioner: staff minutes (rule 7). */
        OTHER_PRACTITIONER(8),
        /** Opt-out in the month: still billable for the month (it takes effect at the end of it). */
        OPT_OUT(4),
        /** An older, closed enrolment before the current one. */
        RE_ENROLLED(2),
        NONE(60);

        final int slots;

        Feature(int slots) {
            this.slots = slots;
        }
    }

    private record Code(String icd10, String description, String companion, String companionDescription) {
    }

    /** Chronic conditions of distinct ICD-10 categories; the companion is another code of the same category. */
    private static final List<Code> CHRONIC = List.of(
            new Code("E11.9", "Type 2 diabetes mellitus without complications", "E11.65",
                    "Type 2 diabetes mellitus with hyperglycemia"),
            new Code("I10", "Essential (primary) hypertension", null, null),
            new Code("I50.9", "Heart failure, unspecified", "I50.22", "Chronic systolic (congestive) heart failure"),
            new Code("J44.9", "Chronic obstructive pulmonary disease, unspecified", "J44.1",
                    "Chronic obstructive pulmonary disease with (acute) exacerbation"),
            new Code("N18.30", "Chronic kidney disease, stage 3 unspecified", "N18.31", "Chronic kidney disease, stage 3a"),
            new Code("E78.5", "Hyperlipidemia, unspecified", null, null),
            new Code("F32.9", "Major depressive disorder, single episode, unspecified", null, null),
            new Code("I48.91", "Unspecified atrial fibrillation", null, null),
            new Code("M17.9", "Osteoarthritis of knee, unspecified", null, null),
            new Code("J45.909", "Unspecified asthma, uncomplicated", null, null),
            new Code("E03.9", "Hypothyroidism, unspecified", null, null),
            new Code("G30.9", "Alzheimer's disease, unspecified", null, null),
            new Code("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris", null, null),
            new Code("M81.0", "Age-related osteoporosis without current pathological fracture", null, null),
            new Code("E66.9", "Obesity, unspecified", null, null),
            new Code("F41.1", "Generalized anxiety disorder", null, null),
            new Code("M06.9", "Rheumatoid arthritis, unspecified", null, null),
            new Code("G47.33", "Obstructive sleep apnea (adult) (pediatric)", null, null),
            new Code("H40.9", "Unspecified glaucoma", null, null));
    private static final List<Code> ACUTE = List.of(
            new Code("J06.9", "Acute upper respiratory infection, unspecified", null, null),
            new Code("N39.0", "Urinary tract infection, site not specified", null, null),
            new Code("J18.9", "Pneumonia, unspecified organism", null, null),
            new Code("S52.501A", "Unspecified fracture of the lower end of right radius, initial encounter", null, null));

    private static final List<String> ACTIVITIES = List.of("CARE_PLAN_REVIEW", "MEDICATION_RECONCILIATION", "PHONE_CALL",
            "CARE_COORDINATION", "PATIENT_EDUCATION");
    private static final List<String> OTHER_PROGRAMS = List.of("RPM", "PCM", "BHI");
    private static final List<String> PLACES = List.of("11", "11", "11", "11", "11", "11", "11", "11", "11", "11", "11",
            "22", "72");

    private static final Profile[] PROFILE_BY_SLOT = new Profile[100];
    private static final int[] SLOT_IN_PROFILE = new int[100];
    private static final Feature[] FEATURE_BY_SLOT = new Feature[100];

    static {
        int slot = 0;
        for (Profile profile : Profile.values()) {
            for (int i = 0; i < profile.slots; i++, slot++) {
                PROFILE_BY_SLOT[slot] = profile;
                SLOT_IN_PROFILE[slot] = i;
            }
        }
        int featureSlot = 0;
        for (Feature feature : Feature.values()) {
            for (int i = 0; i < feature.slots; i++) {
                FEATURE_BY_SLOT[featureSlot++] = feature;
            }
        }
        if (slot != 100 || featureSlot != 100) {
            throw new IllegalStateException("profile and feature shares must add up to 100");
        }
    }

    /** An MBI is 11 positions of these alphabets (CMS format); generated MBIs are distinct by construction. */
    private static final String DIGITS = "0123456789";
    private static final String[] MBI_ALPHABETS = {"123456789", Identifiers.MBI_LETTERS,
        Identifiers.MBI_LETTERS + DIGITS, DIGITS, Identifiers.MBI_LETTERS, Identifiers.MBI_LETTERS + DIGITS, DIGITS,
        Identifiers.MBI_LETTERS, Identifiers.MBI_LETTERS, DIGITS, DIGITS};
    private static final long MBI_SPACE;
    /** About 0.618 of the space, so consecutive patients' MBIs differ in every position; coprime to 2, 3 and 5. */
    private static final BigInteger MBI_MULTIPLIER;

    static {
        long space = 1;
        for (String alphabet : MBI_ALPHABETS) {
            space *= alphabet.length();
        }
        MBI_SPACE = space;
        long multiplier = (long) (space * 0.6180339887);
        while (multiplier % 2 == 0 || multiplier % 3 == 0 || multiplier % 5 == 0) {
            multiplier++;
        }
        MBI_MULTIPLIER = BigInteger.valueOf(multiplier);
    }

    private record Entry(LocalDateTime performedAt, String memberId, BigDecimal minutes, String activity,
            String program) {
    }

    private final DemoSpec spec;
    private final YearMonth month;
    private final LocalDate first;
    private final LocalDate last;
    private final CareTeam team;
    private final int patientWidth;
    private final int entryWidth;
    private final long profileOffset;
    private final long featureOffset;
    private final long mbiOffset;
    private final long npiOffset;
    private final long addressSeed;
    private final List<Addresses.Region> practiceRegions;
    private final Map<InputFile, Long> counts = new EnumMap<>(InputFile.class);
    private long nextEntry = 1;

    DemoGenerator(DemoSpec spec) {
        this.spec = spec;
        this.month = spec.month();
        this.first = month.atDay(1);
        this.last = month.atEndOfMonth();
        this.team = new CareTeam(spec.patients(), spec.seed());
        this.patientWidth = Math.max(7, String.valueOf(spec.patients()).length());
        // about 11 entries per patient; the width is fixed up front so that text order is numeric order
        this.entryWidth = Math.max(8, String.valueOf(spec.patients() * 60L).length());
        this.profileOffset = Math.floorMod(mix(spec.seed(), -3), 100);
        this.featureOffset = Math.floorMod(mix(spec.seed(), -4), 100);
        this.mbiOffset = Math.floorMod(mix(spec.seed(), -5), MBI_SPACE);
        this.npiOffset = Math.floorMod(mix(spec.seed(), -6), 100_000_000L);
        this.addressSeed = mix(spec.seed(), -7);
        int region = (int) Math.floorMod(mix(spec.seed(), -8), Addresses.REGIONS.size());
        this.practiceRegions = List.of(Addresses.REGIONS.get(region),
                Addresses.REGIONS.get((region + 1) % Addresses.REGIONS.size()));
        for (InputFile file : InputFile.values()) {
            counts.put(file, 0L);
        }
    }

    DemoCounts generate(RowSink sink) {
        practices(sink);
        counts.put(InputFile.CARE_TEAM, team.write(sink));
        for (int i = 1; i <= spec.patients(); i++) {
            patient(i, sink);
        }
        return new DemoCounts(counts);
    }

    /** Two billing providers, each in its own region: the interchange gets one 2000A loop per practice. */
    private void practices(RowSink sink) {
        SplittableRandom r = new SplittableRandom(mix(addressSeed, 0));
        List<String> einPrefixes = List.of("20", "26", "27", "45", "46", "47", "83", "84");
        for (int k = 1; k <= practiceRegions.size(); k++) {
            Addresses.Region region = practiceRegions.get(k - 1);
            Addresses.Address office = Addresses.office(region, r);
            String tin = Names.pick(einPrefixes, r) + pad(r.nextInt(10_000_000), 7);
            emit(sink, new InputRow.Practice(practiceId(k - 1), region.practiceName(), team.groupNpi(k), tin,
                    office.line1(), office.line2(), office.city(), office.state(), office.postalCode(), region.taxonomy()));
        }
    }

    private static String practiceId(int index) {
        return "PR" + pad(index + 1, 2);
    }

    private void patient(int i, RowSink sink) {
        SplittableRandom r = new SplittableRandom(mix(spec.seed(), i));
        int block = (i - 1) / 100;
        int slot = (int) Math.floorMod(i * 37L + profileOffset, 100);
        Profile profile = PROFILE_BY_SLOT[slot];
        // variants of a profile take turns across blocks of 100, so a small practice still shows each of them
        int variant = block * profile.slots + SLOT_IN_PROFILE[slot];
        Feature feature = compatible(profile,
                FEATURE_BY_SLOT[(int) Math.floorMod(i * 59L + block * 7L + featureOffset, 100)]);
        String patientId = "P" + pad(i, patientWidth);

        int practitionerIndex = r.nextInt(team.practitioners.size());
        Member practitioner = team.practitioners.get(practitionerIndex);
        Member staff = team.clinical.get(r.nextInt(team.clinical.size()));
        Member billing = practitioner;

        // a history that passes every gate; the profile then breaks one
        LocalDate enrolledFrom = first.minusMonths(1 + r.nextInt(36)).withDayOfMonth(1 + r.nextInt(28));
        LocalDate enrolledTo = null;
        LocalDate consent = enrolledFrom.minusDays(r.nextInt(15));
        String consentMethod = r.nextInt(10) < 6 ? "VERBAL" : "WRITTEN";
        LocalDate initiatingVisit = consent.minusDays(r.nextInt(61));
        LocalDate carePlan = consent.plusDays(r.nextInt(11));
        List<LocalDate[]> enrollments = new ArrayList<>();
        LocalDate stayFrom = null;
        LocalDate stayTo = null;
        LocalDate countedFrom = first;
        LocalDate countedTo = last;

        switch (feature) {
            case BEFORE_CONSENT -> {
                consent = first.plusDays(7 + r.nextInt(13));
                enrolledFrom = consent;
                initiatingVisit = consent.minusDays(r.nextInt(31));
                carePlan = consent;
                countedFrom = consent;
            }
            case OPT_OUT -> {
                enrolledTo = first.plusDays(9 + r.nextInt(month.lengthOfMonth() - 9));
                countedTo = enrolledTo;
            }
            case RE_ENROLLED -> {
                LocalDate earlierTo = enrolledFrom.minusDays(30 + r.nextInt(60));
                enrollments.add(new LocalDate[] {earlierTo.minusMonths(3 + r.nextInt(12)), earlierTo});
            }
            case INPATIENT_STAY -> {
                stayFrom = first.plusDays(2 + r.nextInt(18));
                stayTo = stayFrom.plusDays(1 + r.nextInt(5));
            }
            default -> {
            }
        }
        enrollments.add(new LocalDate[] {enrolledFrom, enrolledTo});

        switch (profile) {
            case NOT_ENROLLED -> {
                enrollments.clear();
                switch (variant % 3) {
                    case 0 -> { // ended before the month
                        LocalDate to = first.minusDays(1 + r.nextInt(60));
                        enrollments.add(new LocalDate[] {to.minusMonths(2 + r.nextInt(12)), to});
                    }
                    case 1 -> { // never enrolled, yet time was logged
                    }
                    default -> enrollments.add(new LocalDate[] {last.plusDays(1 + r.nextInt(20)), null});
                }
            }
            case NO_CONSENT -> {
                if (variant % 2 == 0) {
                    consent = null;
                    consentMethod = null;
                }
                else {
                    consent = last.plusDays(1 + r.nextInt(20));
                }
            }
            case NO_CARE_PLAN -> carePlan = variant % 2 == 0 ? null : last.plusDays(1 + r.nextInt(20));
            case NO_INITIATING_VISIT -> initiatingVisit = variant % 2 == 0 ? null : last.plusDays(1 + r.nextInt(20));
            case INELIGIBLE_BILLING_PRACTITIONER -> billing = variant % 2 == 0 ? staff : null;
            default -> {
            }
        }

        boolean female = r.nextInt(100) < 55;
        LocalDate birth = first.minusYears(65 + r.nextInt(31)).minusDays(r.nextInt(365));
        // practitioners alternate between the practices; a patient belongs to its practitioner's. The address draws
        // from a stream of its own, so the rest of the patient is what it was before patients had addresses.
        int practice = practitionerIndex % practiceRegions.size();
        Addresses.Address home = noAddress(profile, variant) ? null
                : Addresses.home(practiceRegions.get(practice), new SplittableRandom(mix(addressSeed, i)));
        emit(sink, new InputRow.Patient(patientId, mbi(i), Names.pick(female ? Names.FEMALE : Names.MALE, r),
                Names.pick(Names.LAST, r), birth, female ? "F" : "M", billing == null ? null : billing.id(), consent,
                consentMethod, initiatingVisit, carePlan, PLACES.get(r.nextInt(PLACES.size())), practiceId(practice),
                home == null ? null : home.line1(), home == null ? null : home.line2(), home == null ? null : home.city(),
                home == null ? null : home.state(), home == null ? null : home.postalCode()));
        for (LocalDate[] enrollment : enrollments) {
            emit(sink, new InputRow.Enrollment(patientId, enrollment[0], enrollment[1]));
        }
        // conditions were known before the month, whatever the visit date: only the profile may break this gate
        conditions(sink, r, patientId, profile, variant,
                initiatingVisit == null || initiatingVisit.isAfter(first) ? first : initiatingVisit);
        attestations(sink, r, patientId, profile, billing);
        stays(sink, r, patientId, stayFrom, stayTo);
        otherServices(sink, r, i, patientId, profile, variant, billing);
        if (profile != Profile.NO_TIME) {
            entries(sink, r, patientId, profile, variant, feature, billing, staff, countedFrom, countedTo, stayFrom,
                    stayTo, consent);
        }
    }

    /**
     * About one billable patient in a hundred has no address on file, so that a submission shows its "missing
     * patient address" reject.
     */
    private static boolean noAddress(Profile profile, int variant) {
        return profile == Profile.STANDARD && variant % 50 == 7;
    }

    /** Features that would contradict the profile (time before a consent the profile removes) are dropped. */
    private static Feature compatible(Profile profile, Feature feature) {
        if (profile == Profile.NO_TIME) {
            return Feature.NONE;
        }
        if ((profile == Profile.NO_CONSENT || profile == Profile.NOT_ENROLLED)
                && (feature == Feature.BEFORE_CONSENT || feature == Feature.OPT_OUT || feature == Feature.RE_ENROLLED)) {
            return Feature.NONE;
        }
        return feature;
    }

    private void conditions(RowSink sink, SplittableRandom r, String patientId, Profile profile, int variant,
            LocalDate knownSince) {
        List<Code> chronic = pickDistinct(r, CHRONIC, 2 + r.nextInt(4));
        LocalDate resolvedBefore = first.minusDays(1 + r.nextInt(90));
        if (profile == Profile.FEWER_THAN_TWO_CHRONIC_CONDITIONS) {
            switch (variant % 3) {
                case 0 -> chronic(sink, r, patientId, chronic.get(0), knownSince, null);
                case 1 -> { // two codes, one category: counted once
                    chronic(sink, r, patientId, CHRONIC.get(0), knownSince, null);
                    emit(sink, new InputRow.Condition(patientId, CHRONIC.get(0).companion(),
                            CHRONIC.get(0).companionDescription(), true, onset(r, knownSince), null));
                }
                default -> { // the second one resolved before the month
                    chronic(sink, r, patientId, chronic.get(0), knownSince, null);
                    chronic(sink, r, patientId, chronic.get(1), knownSince, resolvedBefore);
                }
            }
        }
        else {
            for (Code code : chronic) {
                chronic(sink, r, patientId, code, knownSince, null);
            }
            int extra = r.nextInt(100);
            if (extra < 8 && chronic.get(0).companion() != null) {
                emit(sink, new InputRow.Condition(patientId, chronic.get(0).companion(),
                        chronic.get(0).companionDescription(), true, onset(r, knownSince), null));
            }
            else if (extra < 16) {
                Code resolved = CHRONIC.stream().filter(c -> !chronic.contains(c)).findFirst().orElseThrow();
                chronic(sink, r, patientId, resolved, knownSince, resolvedBefore);
            }
        }
        if (r.nextInt(100) < 15) {
            Code acute = ACUTE.get(r.nextInt(ACUTE.size()));
            LocalDate onset = first.minusDays(r.nextInt(120));
            emit(sink, new InputRow.Condition(patientId, acute.icd10(), acute.description(), false, onset,
                    r.nextBoolean() ? onset.plusDays(7 + r.nextInt(21)) : null));
        }
    }

    private void chronic(RowSink sink, SplittableRandom r, String patientId, Code code, LocalDate knownSince,
            LocalDate resolved) {
        // a resolved condition began before it resolved (the import rejects the reverse)
        LocalDate onset = resolved == null ? onset(r, knownSince) : resolved.minusDays(30 + r.nextInt(5 * 365));
        emit(sink, new InputRow.Condition(patientId, code.icd10(), code.description(), true, onset, resolved));
    }

    private static LocalDate onset(SplittableRandom r, LocalDate knownSince) {
        return knownSince.minusDays(30 + r.nextInt(15 * 365));
    }

    private void attestations(RowSink sink, SplittableRandom r, String patientId, Profile profile, Member billing) {
        String by = billing == null ? null : billing.id();
        if (r.nextInt(100) < 5) { // last month's attestation says nothing about this month
            emit(sink, new InputRow.Attestation(patientId, month.minusMonths(1).toString(), "HIGH", "ESTABLISHED", by));
        }
        if (profile == Profile.COMPLEX) {
            emit(sink, new InputRow.Attestation(patientId, month.toString(), r.nextBoolean() ? "MODERATE" : "HIGH",
                    r.nextInt(3) == 0 ? "ESTABLISHED" : "SUBSTANTIALLY_REVISED", by));
        }
        else if (profile == Profile.STANDARD && r.nextInt(100) < 12) {
            // attested, but not complex: it takes both MDM moderate or high and a new or revised care plan
            boolean highMdm = r.nextBoolean();
            emit(sink, new InputRow.Attestation(patientId, month.toString(),
                    highMdm ? (r.nextBoolean() ? "MODERATE" : "HIGH") : (r.nextBoolean() ? "LOW" : "STRAIGHTFORWARD"),
                    highMdm ? "NONE" : (r.nextBoolean() ? "ESTABLISHED" : "NONE"), by));
        }
    }

    private void stays(RowSink sink, SplittableRandom r, String patientId, LocalDate stayFrom, LocalDate stayTo) {
        if (r.nextInt(100) < 3) { // an earlier stay, outside the month
            LocalDate admit = first.minusDays(20 + r.nextInt(40));
            emit(sink, new InputRow.InpatientStay(patientId, admit, admit.plusDays(2 + r.nextInt(5))));
        }
        if (stayFrom != null) {
            emit(sink, new InputRow.InpatientStay(patientId, stayFrom, stayTo));
        }
    }

    private void otherServices(RowSink sink, SplittableRandom r, int i, String patientId, Profile profile, int variant,
            Member billing) {
        String ourNpi = billing == null ? null : billing.npi();
        String theirNpi = outsideNpi(i);
        // services that must NOT exclude CCM: an office visit, a quality code, CCM elsewhere last month,
        // PCM by another practitioner, APCM last month
        if (ourNpi != null && r.nextInt(100) < 25) {
            emit(sink, new InputRow.OtherService(patientId, day(r, first, last), r.nextBoolean() ? "99214" : "99213", ourNpi));
        }
        if (ourNpi != null && r.nextInt(100) < 3) {
            emit(sink, new InputRow.OtherService(patientId, day(r, first, last), "3074F", ourNpi));
        }
        if (r.nextInt(100) < 3) {
            emit(sink, new InputRow.OtherService(patientId, first.minusDays(1 + r.nextInt(27)), "99490", theirNpi));
        }
        if (r.nextInt(100) < 2) {
            emit(sink, new InputRow.OtherService(patientId, day(r, first, last), "99426", theirNpi));
        }
        if (ourNpi != null && r.nextInt(100) < 2) {
            emit(sink, new InputRow.OtherService(patientId, first.minusDays(1 + r.nextInt(27)), "G0556", ourNpi));
        }
        // ALREADY_BILLED from outside: a few otherwise billable patients whose own practitioner already billed CCM for
        // the month outside this product (about 1 in 40 STANDARD patients); no draw from r, so the rest stays as it was
        if (profile == Profile.STANDARD && ourNpi != null && variant % 40 == 7) {
            String code = List.of("99490", "99439", "99491").get(variant / 40 % 3);
            emit(sink, new InputRow.OtherService(patientId, first.plusDays(variant % month.lengthOfMonth()), code, ourNpi));
        }
        if (profile == Profile.BILLED_ELSEWHERE) {
            String code = List.of("99490", "99491", "99487").get(variant % 3);
            emit(sink, new InputRow.OtherService(patientId, day(r, first, last), code, theirNpi));
        }
        if (profile == Profile.CONFLICTING_SERVICE) {
            switch (variant % 4) {
                case 0 -> emit(sink, new InputRow.OtherService(patientId, day(r, first, last), "G0556", ourNpi));
                case 1 -> emit(sink, new InputRow.OtherService(patientId, day(r, first, last), "90960", theirNpi));
                case 2 -> emit(sink, new InputRow.OtherService(patientId, day(r, first, last), "G0181", theirNpi));
                default -> emit(sink, new InputRow.OtherService(patientId, day(r, first, last), "99426", ourNpi));
            }
        }
    }

    private void entries(RowSink sink, SplittableRandom r, String patientId, Profile profile, int variant,
            Feature feature, Member billing, Member staff, LocalDate countedFrom, LocalDate countedTo,
            LocalDate stayFrom, LocalDate stayTo, LocalDate consent) {
        int staffQuarters;
        int practitionerQuarters = 0;
        int staffEntries;
        switch (profile) {
            case STANDARD -> {
                staffQuarters = standardTarget(r);
                staffEntries = entryCount(r, staffQuarters);
            }
            case COMPLEX -> {
                staffQuarters = quarters(r, 60, 150);
                staffEntries = entryCount(r, staffQuarters);
            }
            case PRACTITIONER -> {
                switch (variant % 3) {
                    case 0 -> { // 99491 beats 99490 on the same 30-39 minutes
                        practitionerQuarters = quarters(r, 30, 38.75);
                        staffQuarters = 0;
                    }
                    case 1 -> { // 99491 + 2 x 99437 beats 99490 + 2 x 99439
                        practitionerQuarters = quarters(r, 90, 120);
                        staffQuarters = r.nextBoolean() ? 0 : quarters(r, 2, 15);
                    }
                    default -> { // mostly practitioner time, yet the staff family pays more at 60-89 minutes
                        practitionerQuarters = quarters(r, 60, 89.75);
                        staffQuarters = 0;
                    }
                }
                staffEntries = staffQuarters == 0 ? 0 : 1 + r.nextInt(2);
            }
            case BELOW_THRESHOLD -> {
                switch (variant % 4) {
                    case 0 -> {
                        staffQuarters = 78; // 19.50 minutes: no rounding up, ever
                        staffEntries = 2;
                    }
                    case 1 -> {
                        staffQuarters = 79;
                        staffEntries = 1;
                    }
                    case 2 -> {
                        staffQuarters = quarters(r, 2, 18);
                        staffEntries = 1 + r.nextInt(3);
                    }
                    default -> { // staff and practitioner time together still under 20
                        staffQuarters = 48;
                        practitionerQuarters = 31;
                        staffEntries = 1 + r.nextInt(2);
                    }
                }
            }
            default -> { // gate failures: enough time to bill, so the gate is the reason
                staffQuarters = quarters(r, 20, 80);
                staffEntries = entryCount(r, staffQuarters);
            }
        }
        if (billing == null && practitionerQuarters > 0) {
            staffQuarters += practitionerQuarters;
            practitionerQuarters = 0;
        }

        List<Entry> entries = new ArrayList<>();
        boolean otherPractitionerPending = feature == Feature.OTHER_PRACTITIONER;
        for (BigDecimal minutes : split(staffQuarters, staffEntries, r)) {
            Member author;
            int who = r.nextInt(10);
            if (otherPractitionerPending) {
                author = otherPractitioner(r, billing);
                otherPractitionerPending = false;
            }
            else if (who == 0 && billing != null) {
                author = billing; // the billing practitioner's own minutes may be added to staff time
            }
            else if (who <= 2) {
                author = team.clinical.get(r.nextInt(team.clinical.size()));
            }
            else {
                author = staff;
            }
            entries.add(entry(r, countedFrom, countedTo, stayFrom, stayTo, author, minutes, activity(r), "CCM"));
        }
        if (practitionerQuarters > 0) {
            for (BigDecimal minutes : split(practitionerQuarters, Math.max(1, practitionerQuarters / (4 * 12)), r)) {
                entries.add(entry(r, countedFrom, countedTo, stayFrom, stayTo, billing, minutes, activity(r), "CCM"));
            }
        }

        // time that does not count (ccm-rules.md section 3), each kind tripping only its own rule
        switch (feature) {
            case OTHER_PROGRAM -> {
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    String program = OTHER_PROGRAMS.get(r.nextInt(OTHER_PROGRAMS.size()));
                    entries.add(entry(r, countedFrom, countedTo, stayFrom, stayTo, staff, minutes(r, 5, 20),
                            program.equals("RPM") ? "DEVICE_DATA_REVIEW" : "CARE_COORDINATION", program));
                }
            }
            case FACE_TO_FACE -> entries.add(entry(r, countedFrom, countedTo, stayFrom, stayTo,
                    billing != null ? billing : otherPractitioner(r, null), minutes(r, 15, 40), "FACE_TO_FACE_VISIT",
                    "CCM"));
            case BEFORE_CONSENT -> {
                for (int n = 1 + r.nextInt(2); n > 0; n--) {
                    entries.add(entry(r, first, consent.minusDays(1), null, null, staff, minutes(r, 5, 15),
                            "PHONE_CALL", "CCM"));
                }
            }
            case INPATIENT_STAY -> {
                for (int n = 1 + r.nextInt(2); n > 0; n--) {
                    entries.add(entry(r, stayFrom, stayTo, null, null, staff, minutes(r, 5, 20), "CARE_COORDINATION",
                            "CCM"));
                }
            }
            case NON_CLINICAL -> {
                for (int n = 1 + r.nextInt(2); n > 0; n--) {
                    Member clerk = team.nonClinical.get(r.nextInt(team.nonClinical.size()));
                    entries.add(entry(r, countedFrom, countedTo, stayFrom, stayTo, clerk, minutes(r, 5, 10),
                            clerk.credential().equals("SCHED") ? "SCHEDULING" : "BILLING_INQUIRY", "CCM"));
                }
            }
            default -> {
            }
        }

        entries.sort(Comparator.comparing(Entry::performedAt).thenComparing(Entry::memberId));
        for (Entry e : entries) {
            emit(sink, new InputRow.TimeEntry("E" + pad(nextEntry++, entryWidth), patientId, e.memberId(),
                    e.performedAt(), e.minutes(), e.activity(), e.program()));
        }
    }

    private Member otherPractitioner(SplittableRandom r, Member billing) {
        Member other;
        do {
            other = team.practitioners.get(r.nextInt(team.practitioners.size()));
        }
        while (other.equals(billing));
        return other;
    }

    private Entry entry(SplittableRandom r, LocalDate from, LocalDate to, LocalDate avoidFrom, LocalDate avoidTo,
            Member author, BigDecimal minutes, String activity, String program) {
        LocalDate day = day(r, from, to);
        for (int tries = 0; avoidFrom != null && !day.isBefore(avoidFrom) && !day.isAfter(avoidTo) && tries < 100; tries++) {
            day = day(r, from, to);
        }
        return new Entry(day.atTime(8 + r.nextInt(10), r.nextInt(60)), author.id(), minutes, activity, program);
    }

    /** 40% 99490 alone, 30% with one 99439, 30% with two; now and then exactly on a threshold. */
    private static int standardTarget(SplittableRandom r) {
        if (r.nextInt(100) < 5) {
            return new int[] {80, 160, 240, 159, 239}[r.nextInt(5)];
        }
        int band = r.nextInt(10);
        return band < 4 ? quarters(r, 20, 39.75) : band < 7 ? quarters(r, 40, 59.75) : quarters(r, 60, 110);
    }

    /**
     * A long tail: a tenth of patients get 1-2 entries, most 4-16, a fifth 17-45; on average at least 3 minutes
     * and at most 45 minutes per entry.
     */
    private static int entryCount(SplittableRandom r, int quarters) {
        int u = r.nextInt(100);
        int k = u < 10 ? 1 + r.nextInt(2) : u < 80 ? 4 + r.nextInt(13) : 17 + r.nextInt(29);
        return Math.max((quarters + 179) / 180, Math.min(k, quarters / 12));
    }

    /**
     * Splits a total of quarter-minutes into {@code k} entries of at least 2 minutes (1 if the total is that
     * small): mostly whole minutes, some halves, the last taking what is left (so totals like 19.50 come out exact).
     */
    static List<BigDecimal> split(int quarters, int k, SplittableRandom r) {
        List<BigDecimal> pieces = new ArrayList<>();
        if (quarters <= 0) {
            return pieces;
        }
        int floor = quarters >= 8 * k ? 8 : 4;
        k = Math.max(1, Math.min(k, quarters / floor));
        int rest = quarters - floor * k;
        double[] weights = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            weights[j] = 0.3 + r.nextDouble();
            sum += weights[j];
        }
        int used = 0;
        for (int j = 0; j < k - 1; j++) {
            int extra = (int) (rest * weights[j] / sum);
            extra -= extra % (r.nextInt(6) == 0 ? 2 : 4);
            used += floor + extra;
            pieces.add(minutesOf(floor + extra));
        }
        pieces.add(minutesOf(quarters - used));
        return pieces;
    }

    private static BigDecimal minutes(SplittableRandom r, double low, double high) {
        return minutesOf(quarters(r, low, high));
    }

    private static int quarters(SplittableRandom r, double low, double high) {
        return r.nextInt((int) Math.round(low * 4), (int) Math.round(high * 4) + 1);
    }

    private static BigDecimal minutesOf(int quarters) {
        return BigDecimal.valueOf(quarters * 25L, 2);
    }

    private static String activity(SplittableRandom r) {
        return r.nextInt(100) < 3 ? null : ACTIVITIES.get(r.nextInt(ACTIVITIES.size()));
    }

    private static LocalDate day(SplittableRandom r, LocalDate from, LocalDate to) {
        return from.plusDays(r.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
    }

    private static <T> List<T> pickDistinct(SplittableRandom r, List<T> from, int n) {
        List<T> pool = new ArrayList<>(from);
        List<T> picked = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            picked.add(pool.remove(r.nextInt(pool.size())));
        }
        return picked;
    }

    /** Distinct MBIs: the patient number through a bijection of the MBI space (multiplier coprime to its size), in mixed radix. */
    private String mbi(int i) {
        long k = BigInteger.valueOf(i).multiply(MBI_MULTIPLIER).add(BigInteger.valueOf(mbiOffset))
                .mod(BigInteger.valueOf(MBI_SPACE)).longValue();
        char[] mbi = new char[MBI_ALPHABETS.length];
        for (int p = mbi.length - 1; p >= 0; p--) {
            String alphabet = MBI_ALPHABETS[p];
            mbi[p] = alphabet.charAt((int) (k % alphabet.length()));
            k /= alphabet.length();
        }
        return new String(mbi);
    }

    /** A practitioner outside the practice (NPIs starting with 2 never collide with the care team's, which start with 1). */
    private String outsideNpi(int i) {
        String nine = "2" + pad(Math.floorMod(i * 3_141_593L + npiOffset, 100_000_000L), 8);
        return nine + Identifiers.npiCheckDigit(nine);
    }

    private void emit(RowSink sink, InputRow row) {
        sink.row(row);
        counts.merge(row.file(), 1L, Long::sum);
    }

    static String pad(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** A well-spread 64-bit value from the seed and a stream number (SplitMix64 finalizer). */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
