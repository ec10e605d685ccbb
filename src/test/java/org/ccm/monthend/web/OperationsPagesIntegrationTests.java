package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.demo.DemoDataLoader;
import org.ccm.monthend.demo.DemoSpec;
import org.ccm.monthend.web.ConsoleRequests.Endpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The operations pages on a closed demo month: each role × each page and action of the operations side (executions,
 * submissions, remittances, audit, users) gets what its role allows and 403 otherwise, a refusal changing and
 * recording nothing; a BILLER's submit from the page writes an interchange that the pages then show as the database
 * has it, with the publication on the audit log under the logged-in user; an execution's page shows its steps and files.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:operations-pages;DB_CLOSE_DELAY=-1", "ccm.console.require-user=false"})
@AutoConfigureMockMvc
@DirtiesContext
class OperationsPagesIntegrationTests {

    static final YearMonth MONTH = YearMonth.of(2026, 10);
    static final Set<String> READERS = ConsoleRequests.READERS;

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoDataLoader demo;

    @Autowired
    MonthCloseLauncher closes;

    private static long closeExecution;

    @BeforeEach
    void closedDemoMonth() throws Exception {
        if (closeExecution == 0) {
            demo.load(new DemoSpec(120, MONTH, DemoSpec.DEFAULT_SEED));
            CloseOutcome closed = closes.close(MONTH, 1, CloseProgress.NONE);
            assertThat(closed).isInstanceOf(CloseOutcome.Closed.class);
            closeExecution = ((CloseOutcome.Closed) closed).executionId();
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/executions", READERS, 200),
                new Endpoint("GET", "/executions?job=monthClose&status=COMPLETED&month=2026-10&page=1", READERS, 200),
                new Endpoint("GET", "/executions/1", READERS, 200),
                new Endpoint("GET", "/submissions", READERS, 200),
                new Endpoint("GET", "/remittances", READERS, 200),
                new Endpoint("GET", "/audit", READERS, 200),
                new Endpoint("GET", "/audit?actor=ann&action=CLAIM_HELD&month=2026-10", READERS, 200),
                new Endpoint("GET", "/users", Set.of("ADMIN"), 200),
                // refused by the service (completed: nothing to restart or stop), so nothing changes for the allowed role either
                new Endpoint("POST", "/executions/1/restart", Set.of("OPERATOR"), 302),
                new Endpoint("POST", "/executions/1/stop", Set.of("OPERATOR"), 302),
                // an empty upload is refused with a message
                new Endpoint("UPLOAD", "/remittances", Set.of("BILLER"), 302),
                // a post that is not multipart at all is said like an empty upload
                new Endpoint("POST", "/remittances", Set.of("BILLER"), 302),
                // a password too short and an unknown user are refused with a message
                new Endpoint("POST", "/users/nobody/password", Set.of("ADMIN"), 302),
                new Endpoint("POST", "/users/nobody/disable", Set.of("ADMIN"), 302),
                new Endpoint("POST", "/users", Set.of("ADMIN"), 400));
    }

    static Stream<Arguments> matrix() {
        return ConsoleRequests.matrix(endpoints());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void eachRoleGetsWhatItsRoleAllowsAndTheOthers403(String role, Endpoint endpoint) throws Exception {
        long audit = count("audit_event");
        long executions = count("BATCH_JOB_EXECUTION");
        MvcResult result = mvc.perform(endpoint.request(role)).andReturn();
        int status = result.getResponse().getStatus();
        if (endpoint.allowed().contains(role)) {
            assertThat(status).as("%s as %s", endpoint, role).isEqualTo(endpoint.allowedStatus());
            if (status == 302) {
                assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("/login");
                assertThat(result.getFlashMap().containsKey("error")).as("the refusal is said on the page").isTrue();
            }
        }
        else {
            assertThat(status).as("%s as %s", endpoint, role).isEqualTo(403);
            assertThat(result.getResponse().getForwardedUrl()).isEqualTo("/denied");
        }
        if (!endpoint.method().equals("GET")) {
            assertThat(count("audit_event")).as("nothing recorded").isEqualTo(audit);
            assertThat(count("BATCH_JOB_EXECUTION")).as("nothing started").isEqualTo(executions);
        }
    }

    @Test
    void aBillersSubmitFromThePageIsShownAsTheDatabaseHasItAndIsOnTheRecord() throws Exception {
        long ready = jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE service_month = ? AND status IN ('DECIDED', 'RELEASED')",
                Long.class, MONTH.toString());
        MvcResult submitted = mvc.perform(post("/submissions").param("month", MONTH.toString()).with(user("ann").roles("BILLER")).with(csrf()))
                .andReturn();
        assertThat(submitted.getResponse().getStatus()).isEqualTo(302);
        assertThat((String) submitted.getFlashMap().get("done")).startsWith("Submitted: interchange ");

        Map<String, Object> row = jdbc.queryForMap("SELECT isa13, claims, total_charge, sha256 FROM submission");
        long isa13 = ((Number) row.get("ISA13")).longValue();
        long claims = ((Number) row.get("CLAIMS")).longValue();
        assertThat(claims).isPositive().isLessThanOrEqualTo(ready);
        String list = page("/submissions", "AUDITOR");
        assertThat(list).contains(String.format(Locale.ROOT, "%09d", isa13)).contains("1 interchanges");
        String detail = page("/submissions/" + isa13, "AUDITOR");
        // the page shows what was recorded and hashes the file only when asked
        assertThat(detail).contains((String) row.get("SHA256")).containsPattern("id=\"file-state\"[^>]*>UNCHECKED<")
                .contains("id=\"check-file\"");
        assertThat(detail).contains(String.format(Locale.ROOT, "%,d claims", claims));
        assertThat(detail).containsPattern(">SUBMITTED</span></td>\\s*<td class=\"num\">" + String.format(Locale.ROOT, "%,d", claims) + "<");
        // the practices as the manifest recorded them are the interchange's rows
        for (Map<String, Object> practice : jdbc.queryForList(
                "SELECT practice_id, COUNT(*) AS n FROM submission_claim WHERE isa13 = ? GROUP BY practice_id", isa13)) {
            assertThat(detail).containsPattern("<td class=\"mono\">" + practice.get("PRACTICE_ID") + "</td>\\s*<td class=\"num\">"
                    + String.format(Locale.ROOT, "%,d", ((Number) practice.get("N")).longValue()) + "<");
        }
        String checked = page("/submissions/" + isa13 + "?check=true", "AUDITOR");
        assertThat(checked).containsPattern("id=\"file-state\"[^>]*>OK<").doesNotContain("id=\"check-file\"");
        Path file = Path.of((String) jdbc.queryForObject("SELECT path FROM submission WHERE isa13 = ?", String.class, isa13)).resolve("claims.837");
        byte[] original = java.nio.file.Files.readAllBytes(file);
        byte[] tampered = original.clone();
        tampered[tampered.length / 2] ^= 1;
        java.nio.file.Files.write(file, tampered);
        try {
            assertThat(page("/submissions/" + isa13 + "?check=true", "AUDITOR")).containsPattern("id=\"file-state\"[^>]*>CHANGED<");
            assertThat(page("/submissions/" + isa13, "AUDITOR")).containsPattern("id=\"file-state\"[^>]*>UNCHECKED<");
        }
        finally {
            java.nio.file.Files.write(file, original);
        }
        // what the payer answered is counted again once a claim's status changed (as a posted remittance does it)
        String paid = jdbc.queryForObject("SELECT MIN(claim_id) FROM submission_claim WHERE isa13 = ?", String.class, isa13);
        jdbc.update("UPDATE claim SET status = 'PAID' WHERE claim_id = ?", paid);
        jdbc.update("INSERT INTO claim_event (claim_id, from_status, to_status, actor, at) VALUES (?, 'SUBMITTED', 'PAID', 'test', CURRENT_TIMESTAMP)",
                paid);
        String answered = page("/submissions/" + isa13, "AUDITOR");
        assertThat(answered).containsPattern(">PAID</span></td>\\s*<td class=\"num\">1<")
                .containsPattern(">SUBMITTED</span></td>\\s*<td class=\"num\">" + String.format(Locale.ROOT, "%,d", claims - 1) + "<");

        Map<String, Object> audit = jdbc.queryForMap("SELECT actor, channel, service_month FROM audit_event WHERE action = 'SUBMISSION_PUBLISHED'");
        assertThat(audit).containsEntry("ACTOR", "ann").containsEntry("CHANNEL", "console").containsEntry("SERVICE_MONTH", "2026-10");
        assertThat(page("/audit?action=SUBMISSION_PUBLISHED", "AUDITOR")).contains(">ann<").contains(">SUBMISSION_PUBLISHED<");
        // an auditor sees no submit form; a biller does
        assertThat(page("/submissions", "AUDITOR")).doesNotContain("id=\"submit-form\"");
        assertThat(page("/submissions", "BILLER")).contains("id=\"submit-form\"");
    }

    @Test
    void anExecutionsPageShowsItsStepsAndItsFilesCheckedAgain() throws Exception {
        String listed = page("/executions/" + closeExecution, "AUDITOR");
        assertThat(listed).contains("data-file=\"claims.csv\" data-state=\"UNCHECKED\"").contains("id=\"check-files\"")
                .doesNotContain("data-state=\"OK\"");
        String detail = page("/executions/" + closeExecution + "?check=true", "AUDITOR");
        for (Map<String, Object> step : jdbc.queryForList("SELECT STEP_NAME, READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                closeExecution)) {
            assertThat(detail).contains(">" + step.get("STEP_NAME") + "<");
        }
        assertThat(detail).contains("data-file=\"claims.csv\" data-state=\"OK\"").contains("data-file=\"evidence.csv\" data-state=\"OK\"")
                .doesNotContain("data-state=\"CHANGED\"");
        assertThat(detail).doesNotContain("id=\"restart\"").doesNotContain("id=\"stop\"").doesNotContain("id=\"check-files\"");
        String list = page("/executions?month=2026-10", "OPERATOR");
        assertThat(list).contains("data-execution=\"" + closeExecution + "\" data-status=\"COMPLETED\"")
                .doesNotContain("restart-" + closeExecution);
        assertThat(ConsoleRequests.status(mvc, "/executions/999999", "AUDITOR")).isEqualTo(404);
    }

    private String page(String path, String role) throws Exception {
        return ConsoleRequests.page(mvc, path, role);
    }

    private long count(String table) {
        return ConsoleRequests.count(jdbc, table);
    }
}
