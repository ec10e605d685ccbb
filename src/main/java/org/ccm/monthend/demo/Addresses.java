package org.ccm.monthend.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic addresses for the demo practices and their patients: common street names, towns of a few regions
 * with their 3-digit ZIP prefixes, random house numbers and ZIP+4 suffixes. They look real to a claim scrubber
 * (a street, not a PO box; a USPS state; 9 digits) and are nobody's address.
 */
final class Addresses {

    record Town(String city, String state, String zip3) {
    }

    /** A practice's home: its name, its taxonomy (NUCC), and the towns its patients live in (the first is its own). */
    record Region(String practiceName, String taxonomy, List<Town> towns) {
    }

    record Address(String line1, String line2, String city, String state, String postalCode) {
    }

    static final List<Region> REGIONS = List.of(
            new Region("Prairie Family Medicine", "207Q00000X", List.of(new Town("Springfield", "IL", "627"),
                    new Town("Chatham", "IL", "626"), new Town("Rochester", "IL", "626"), new Town("Sherman", "IL", "626"))),
            new Region("Miami Valley Primary Care", "261QP2300X", List.of(new Town("Dayton", "OH", "454"),
                    new Town("Kettering", "OH", "454"), new Town("Xenia", "OH", "453"), new Town("Fairborn", "OH", "453"))),
            new Region("Treasure Valley Internal Medicine", "207R00000X", List.of(new Town("Boise", "ID", "837"),
                    new Town("Meridian", "ID", "836"), new Town("Nampa", "ID", "836"), new Town("Eagle", "ID", "836"))),
            new Region("Smoky Mountain Family Practice", "207Q00000X", List.of(new Town("Knoxville", "TN", "379"),
                    new Town("Maryville", "TN", "378"), new Town("Oak Ridge", "TN", "378"), new Town("Farragut", "TN", "379"))),
            new Region("Capital District Medical Group", "261QP2300X", List.of(new Town("Albany", "NY", "122"),
                    new Town("Troy", "NY", "121"), new Town("Schenectady", "NY", "123"), new Town("Cohoes", "NY", "120"))));

    private static final List<String> STREETS = List.of("Maple", "Oak", "Cedar", "Elm", "Pine", "Walnut", "Washington",
            "Lincoln", "Jefferson", "Park", "Lake", "Hill", "Church", "Spring", "Highland", "Meadow", "Ridge", "Sunset",
            "Forest", "River", "Willow", "Chestnut", "Franklin", "Jackson", "Madison", "Prospect", "Orchard", "Mill",
            "Cherry", "Dogwood");
    private static final List<String> SUFFIXES = List.of("St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd", "Way", "Pl", "Cir");
    private static final List<String> OFFICE_STREETS = List.of("Medical Center Dr", "Professional Pkwy",
            "Health Park Blvd", "Wellness Way", "Clinic Rd");

    private Addresses() {
    }

    /** A home: mostly a house, some apartments; a ZIP+4 for nine in ten, the 5-digit ZIP for the rest. */
    static Address home(Region region, SplittableRandom r) {
        Town town = region.towns().get(r.nextInt(region.towns().size()));
        String line1 = (1 + r.nextInt(9_999)) + " " + Names.pick(STREETS, r) + " " + Names.pick(SUFFIXES, r);
        String line2 = r.nextInt(100) < 15 ? "Apt " + (1 + r.nextInt(40)) + (char) ('A' + r.nextInt(4)) : null;
        return new Address(line1, line2, town.city(), town.state(), zip(town, r, r.nextInt(10) > 0));
    }

    /** The practice's office in the region's first town: a street address with a suite, ZIP+4. */
    static Address office(Region region, SplittableRandom r) {
        Town town = region.towns().get(0);
        return new Address((100 + r.nextInt(2_900)) + " " + Names.pick(OFFICE_STREETS, r),
                "Suite " + (100 + r.nextInt(400)), town.city(), town.state(), zip(town, r, true));
    }

    private static String zip(Town town, SplittableRandom r, boolean plusFour) {
        String zip = town.zip3() + DemoGenerator.pad(1 + r.nextInt(99), 2);
        return plusFour ? zip + DemoGenerator.pad(1 + r.nextInt(9_999), 4) : zip;
    }
}
