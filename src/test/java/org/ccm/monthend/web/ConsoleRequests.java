package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * What the console's MockMvc tests share: the roles, the pages and actions as requests built by hand ("forged": the
 * page need not show the button), a page read as a role, a table's row count.
 */
final class ConsoleRequests {

    static final List<String> ROLES = List.of("AUDITOR", "BILLER", "OPERATOR", "ADMIN");
    static final Set<String> READERS = Set.of("AUDITOR", "BILLER", "OPERATOR");

    private ConsoleRequests() {
    }

    /**
     * A page or an action, the roles that may use it and the status they get (the others get 403); {@code allowedStatus}
     * -1: anything but a refusal. UPLOAD is a multipart POST of an empty 835; a POST carries an empty reason and a
     * password too short, so that an allowed action is refused by its service and changes nothing.
     */
    record Endpoint(String method, String path, Set<String> allowed, int allowedStatus) {

        /** Anonymous and without a CSRF token. */
        AbstractMockHttpServletRequestBuilder<?> request() {
            if (method.equals("UPLOAD")) {
                return multipart(path).file(new MockMultipartFile("file", "empty.835", "application/edi-x12", new byte[0]));
            }
            return method.equals("GET") ? get(path) : post(path).param("reason", "").param("password", "short");
        }

        /** As a user with {@code role}, with the CSRF token. */
        AbstractMockHttpServletRequestBuilder<?> request(String role) {
            return request().with(user("someone").roles(role)).with(csrf());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Each endpoint × each role. */
    static Stream<Arguments> matrix(List<Endpoint> endpoints) {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String role : ROLES) {
                cases.add(Arguments.of(role, endpoint));
            }
        }
        return cases.stream();
    }

    /** The page at {@code path} as a user with {@code role}; it must answer 200. */
    static String page(MockMvc mvc, String path, String role) throws Exception {
        MvcResult result = mvc.perform(get(path).with(user(role.toLowerCase(Locale.ROOT) + "-user").roles(role))).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    /** The status {@code path} answers a user with {@code role}. */
    static int status(MockMvc mvc, String path, String role) throws Exception {
        return mvc.perform(get(path).with(user(role.toLowerCase(Locale.ROOT) + "-user").roles(role))).andReturn().getResponse().getStatus();
    }

    static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
