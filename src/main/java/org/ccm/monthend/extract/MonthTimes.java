package org.ccm.monthend.extract;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import org.ccm.monthend.core.Dialect;

/** The times of one month from microseconds since its first midnight, as {@link Dialect#microsecondsSince} sends them. */
final class MonthTimes {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final LocalDate[] days;

    MonthTimes(YearMonth month) {
        days = new LocalDate[month.lengthOfMonth()];
        for (int i = 0; i < days.length; i++) {
            days[i] = month.atDay(i + 1);
        }
    }

    LocalDateTime at(long micros) {
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        if (day < 0 || day >= days.length) {
            // not a time of this month (the query reads only those): exact all the same
            return days[0].atStartOfDay().plus(micros, ChronoUnit.MICROS);
        }
        return LocalDateTime.of(days[(int) day], LocalTime.ofNanoOfDay(Math.floorMod(micros, MICROS_PER_DAY) * 1_000));
    }
}
