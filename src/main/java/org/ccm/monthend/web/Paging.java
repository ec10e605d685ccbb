package org.ccm.monthend.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The filters of a list as a query string for its pager links: only the filters set, each ending with '&'. */
final class Paging {

    private Paging() {
    }

    /** {@code name, value, name, value...}; null and blank values are left out. */
    static String query(Object... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null && !value.toString().isBlank()) {
                query.append(namesAndValues[i]).append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8)).append('&');
            }
        }
        return query.toString();
    }
}
