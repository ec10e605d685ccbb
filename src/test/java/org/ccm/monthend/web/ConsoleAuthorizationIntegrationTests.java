package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.ccm.monthend.web.ConsoleRequests.Endpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The whole authorization matrix of the console (../shared/console.md): each role × each page and action gets what
 * its role allows and 403 otherwise, whether or not the page shows the button (the requests here are "forged": built
 * by hand); anonymous requests go to the login page; a form posted without its CSRF token is refused with 403; and a
 * refused request changes nothing and records nothing.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet", "spring.datasource.url=" + ConsoleTestData.URL,
        "ccm.output-dir=" + ConsoleTestData.OUT, "ccm.console.require-user=false"})
@AutoConfigureMockMvc
class ConsoleAuthorizationIntegrationTests {

    static final String CLAIM = "CCM-202610-Q1";
    static final Set<String> READERS = ConsoleRequests.READERS;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void month() throws Exception {
        ConsoleTestData.load();
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/months/2026-10", READERS, 200),
                new Endpoint("GET", "/months/2026-10/claims", READERS, 200),
                new Endpoint("GET", "/months/2026-10/claims?status=DECIDED&family=NON_COMPLEX&code=99490&sort=MINUTES_DESC", READERS, 200),
                new Endpoint("GET", "/months/2026-10/claims.csv", READERS, 200),
                new Endpoint("GET", "/claims/" + CLAIM, READERS, 200),
                new Endpoint("GET", "/months/2026-10/exceptions", READERS, 200),
                new Endpoint("GET", "/months/2026-10/exceptions?reason=NO_CONSENT", READERS, 200),
                // verify now: every role that reads; redirected back to the month with the result
                new Endpoint("POST", "/months/2026-10/verify", READERS, 302),
                // closing: OPERATOR (2026-10 is closed already: refused with a message, nothing starts)
                new Endpoint("POST", "/months/2026-10/close", Set.of("OPERATOR"), 302),
                // hold without a reason and release of a claim that is not held: refused by the review, nothing changes
                new Endpoint("POST", "/claims/" + CLAIM + "/hold", Set.of("BILLER"), 302),
                new Endpoint("POST", "/claims/" + CLAIM + "/release", Set.of("BILLER"), 302),
                // the operations side (Console B's pages), in the same filter chain: the pages with their status; the actions
                // for the allowed role refused by the service (nothing to restart or stop, no claim ready in 2026-08, an
                // empty upload, an unknown user), so the matrix changes nothing; OperationsPagesIntegrationTests does them
                new Endpoint("GET", "/executions", READERS, 200),
                new Endpoint("GET", "/executions?job=monthClose&status=COMPLETED&month=2026-10", READERS, 200),
                new Endpoint("GET", "/executions/1", READERS, 200),
                new Endpoint("GET", "/submissions", READERS, 200),
                new Endpoint("GET", "/remittances", READERS, 200),
                new Endpoint("GET", "/audit", READERS, 200),
                new Endpoint("GET", "/audit?actor=ann&action=CLAIM_HELD&month=2026-10", READERS, 200),
                new Endpoint("GET", "/users", Set.of("ADMIN"), 200),
                new Endpoint("POST", "/executions/1/restart", Set.of("OPERATOR"), 302),
                new Endpoint("POST", "/executions/1/stop", Set.of("OPERATOR"), 302),
                new Endpoint("POST", "/submissions?month=2026-08", Set.of("BILLER"), 302),
                new Endpoint("UPLOAD", "/remittances", Set.of("BILLER"), 302),
                new Endpoint("POST", "/users/nobody/disable", Set.of("ADMIN"), 302),
                new Endpoint("POST", "/users/nobody/password", Set.of("ADMIN"), 302),
                new Endpoint("POST", "/users", Set.of("ADMIN"), -1));
    }

    static Stream<Arguments> matrix() {
        return ConsoleRequests.matrix(endpoints());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void eachRoleGetsWhatItsRoleAllowsAndForbiddenIs403(String role, Endpoint endpoint) throws Exception {
        long audit = count("audit_event");
        long events = count("claim_event");
        MvcResult result = mvc.perform(endpoint.request(role)).andReturn();
        int status = result.getResponse().getStatus();
        if (endpoint.allowed().contains(role)) {
            if (endpoint.allowedStatus() > 0) {
                assertThat(status).as("%s as %s", endpoint, role).isEqualTo(endpoint.allowedStatus());
            }
            else {
                // a page of the operations side that may not exist on this branch yet: anything but a refusal
                assertThat(status).as("%s as %s", endpoint, role).isNotIn(401, 403);
            }
            if (status == 302) {
                assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("/login");
            }
        }
        else {
            assertThat(status).as("%s as %s", endpoint, role).isEqualTo(403);
            // the console's 403 page (MockMvc does not follow the forward to it)
            assertThat(result.getResponse().getForwardedUrl()).as("the 403 page").isEqualTo("/denied");
            // refused: nothing changed, nothing recorded
            assertThat(count("audit_event")).isEqualTo(audit);
            assertThat(count("claim_event")).isEqualTo(events);
        }
    }

    @Test
    void theHomePageShowsTheMonthsToReadersAndSendsAnAdminToTheUsers() throws Exception {
        for (String role : READERS) {
            MvcResult page = mvc.perform(get("/").with(user("someone").roles(role))).andReturn();
            assertThat(page.getResponse().getStatus()).isEqualTo(200);
            assertThat(page.getResponse().getContentAsString()).contains("data-month=\"2026-10\"");
        }
        MvcResult admin = mvc.perform(get("/").with(user("root").roles("ADMIN"))).andReturn();
        assertThat(admin.getResponse().getStatus()).isEqualTo(302);
        assertThat(admin.getResponse().getRedirectedUrl()).isEqualTo("/users");
    }

    static Stream<Endpoint> everything() {
        return Stream.concat(endpoints().stream(), Stream.of(new Endpoint("GET", "/", READERS, 200)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everything")
    void anonymousGoesToTheLoginPage(Endpoint endpoint) throws Exception {
        MvcResult result = mvc.perform(endpoint.request().with(csrf())).andReturn();
        assertThat(result.getResponse().getStatus()).as(endpoint.toString()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).as(endpoint.toString()).endsWith("/login");
    }

    static Stream<Endpoint> actions() {
        return endpoints().stream().filter(e -> !e.method().equals("GET"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void anActionWithoutItsCsrfTokenIs403EvenForTheRightRole(Endpoint endpoint) throws Exception {
        String role = endpoint.allowed().iterator().next();
        long audit = count("audit_event");
        MvcResult result = mvc.perform(endpoint.request().param("reason", "consent form not scanned").with(user("someone").roles(role)))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(endpoint.toString()).isEqualTo(403);
        assertThat(count("audit_event")).isEqualTo(audit);
    }

    @Test
    void aForgedHoldByAnAuditorIs403AndTheClaimStaysAsItWas() throws Exception {
        String before = jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, CLAIM);
        MvcResult result = mvc.perform(post("/claims/" + CLAIM + "/hold").param("reason", "forged").with(user("eve").roles("AUDITOR"))
                .with(csrf())).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, CLAIM)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE actor = 'eve'", Long.class)).isZero();
        // and the page an auditor sees offers no hold
        String page = mvc.perform(get("/claims/" + CLAIM).with(user("eve").roles("AUDITOR"))).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("hold-form").doesNotContain("/hold\"");
        String biller = mvc.perform(get("/claims/" + CLAIM).with(user("ann").roles("BILLER"))).andReturn().getResponse().getContentAsString();
        assertThat(biller).contains("hold-form");
    }

    private long count(String table) {
        return ConsoleRequests.count(jdbc, table);
    }
}
