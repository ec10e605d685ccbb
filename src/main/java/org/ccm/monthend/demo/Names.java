package org.ccm.monthend.demo;

import java.util.List;
import java.util.SplittableRandom;

/** Small fixed lists of common names: synthetic people, never a real patient list. */
final class Names {

    static final List<String> FEMALE = List.of("Mary", "Patricia", "Linda", "Barbara", "Elizabeth", "Susan", "Margaret",
            "Dorothy", "Nancy", "Karen", "Betty", "Helen", "Sandra", "Donna", "Carol", "Ruth", "Sharon", "Joan", "Judith",
            "Evelyn", "Shirley", "Frances", "Alice", "Jean", "Martha", "Gloria", "Ann", "Doris", "Marie", "Rose");
    static final List<String> MALE = List.of("James", "John", "Robert", "Michael", "William", "David", "Richard",
            "Joseph", "Charles", "Thomas", "Donald", "George", "Kenneth", "Edward", "Paul", "Ronald", "Gary", "Larry",
            "Frank", "Raymond", "Jerry", "Dennis", "Walter", "Harold", "Carl", "Arthur", "Roger", "Eugene", "Ralph", "Henry");
    static final List<String> LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
            "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
            "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
            "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts");

    private Names() {
    }

    static String pick(List<String> names, SplittableRandom random) {
        return names.get(random.nextInt(names.size()));
    }
}
