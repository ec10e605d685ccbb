package org.ccm.monthend.web;

import java.time.YearMonth;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A service month in a path: YYYY-MM, else 404 (it never reaches a query). */
final class Months {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

    private Months() {
    }

    static YearMonth parse(String value) {
        if (value == null || !MONTH.matcher(value).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such month");
        }
        return YearMonth.parse(value);
    }
}
