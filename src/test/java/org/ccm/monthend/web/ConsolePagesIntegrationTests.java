package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * What the claim-side pages say, checked against the database and the published files (never against the page
 * itself): the evidence minutes of every claim add up to its minutes_counted and are evidence.csv's rows of that claim;
 * MBIs only on a claim's page and only for BILLER and AUDITOR; the CSV download is the filtered rows; the exceptions
 * filter; verify now on the record (and failing on a changed file); a hold and release from the console on the claim's
 * lifecycle and the audit log with the user's name; a close started from the console, audited.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet", "spring.datasource.url=" + ConsoleTestData.URL,
        "ccm.output-dir=" + ConsoleTestData.OUT, "ccm.console.require-user=false"})
@AutoConfigureMockMvc
class ConsolePagesIntegrationTests {

    private static final Pattern EVIDENCE_ROW = Pattern.compile("<tr data-minutes=\"([0-9.]+)\" data-counted=\"(true|false)\" class=\"(counted|not-counted)\">\\s*<td class=\"mono\">([^<]+)</td>");
    private static final Path MONTH_DIR = Path.of(ConsoleTestData.OUT, ConsoleTestData.MONTH);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void month() throws Exception {
        ConsoleTestData.load();
    }

    @Test
    void everyClaimsEvidenceOnItsPageAddsUpToItsMinutesAndIsEvidenceCsvsRowsForIt() throws Exception {
        Map<String, List<CSVRecord>> evidence = new LinkedHashMap<>();
        for (CSVRecord row : csv(MONTH_DIR.resolve("evidence.csv"))) {
            evidence.computeIfAbsent(row.get("claim_id"), k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> claims = jdbc.queryForList("SELECT claim_id, minutes_counted FROM claim WHERE service_month = '2026-10'");
        assertThat(claims).hasSizeGreaterThan(2);
        for (Map<String, Object> claim : claims) {
            String id = (String) claim.get("CLAIM_ID");
            String page = page("/claims/" + id, "AUDITOR");
            BigDecimal shown = BigDecimal.ZERO;
            List<String> countedIds = new ArrayList<>();
            Matcher row = EVIDENCE_ROW.matcher(page);
            while (row.find()) {
                if (row.group(2).equals("true")) {
                    shown = shown.add(new BigDecimal(row.group(1)));
                    countedIds.add(row.group(4));
                }
            }
            assertThat(page).as(id).contains("data-counted=\"true\"");
            assertThat(shown).as(id).isEqualByComparingTo((BigDecimal) claim.get("MINUTES_COUNTED"));
            assertThat(countedIds).as(id).containsExactlyInAnyOrderElementsOf(evidence.get(id).stream().map(r -> r.get("entry_id")).toList());
            assertThat(page).contains("= minutes counted");
        }
    }

    @Test
    void theMbiIsOnAClaimsPageForBillersAndAuditorsOnlyAndNeverInAList() throws Exception {
        String claim = "CCM-202610-Q1";
        String mbi = jdbc.queryForObject("SELECT p.mbi FROM claim c JOIN patient p ON p.patient_id = c.patient_id WHERE c.claim_id = ?",
                String.class, claim);
        assertThat(page("/claims/" + claim, "AUDITOR")).contains(mbi);
        assertThat(page("/claims/" + claim, "BILLER")).contains(mbi);
        String operator = page("/claims/" + claim, "OPERATOR");
        assertThat(operator).doesNotContain(mbi).contains("•••••••" + mbi.substring(7));
        String list = page("/months/2026-10/claims", "AUDITOR");
        for (String each : jdbc.queryForList("SELECT mbi FROM patient", String.class)) {
            assertThat(list).doesNotContain(each);
        }
        assertThat(list).contains("•••••••" + mbi.substring(7));
        String csv = download(get("/months/2026-10/claims.csv").with(user("a").roles("AUDITOR"))).getResponse().getContentAsString();
        assertThat(csv).contains(claim).doesNotContain(mbi);
    }

    @Test
    void theCsvDownloadIsTheFilteredClaims() throws Exception {
        MvcResult result = download(get("/months/2026-10/claims.csv").param("family", "NON_COMPLEX").with(user("a").roles("BILLER")));
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("claims-2026-10.csv");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(result.getResponse().getContentAsString(), CSVFormat.DEFAULT.builder().setHeader().get())) {
            rows = parser.getRecords();
        }
        assertThat(rows).extracting(r -> r.get("claim_id")).containsExactlyElementsOf(jdbc.queryForList(
                "SELECT claim_id FROM claim WHERE service_month = '2026-10' AND family = 'NON_COMPLEX' ORDER BY claim_id", String.class));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.get("family")).isEqualTo("NON_COMPLEX"));
        for (CSVRecord r : rows) {
            assertThat(new BigDecimal(r.get("expected_payment"))).isEqualByComparingTo(
                    jdbc.queryForObject("SELECT expected_payment FROM claim WHERE claim_id = ?", BigDecimal.class, r.get("claim_id")));
        }
        // the page shows the same claims
        String page = page("/months/2026-10/claims?family=NON_COMPLEX", "BILLER");
        rows.forEach(r -> assertThat(page).contains(">" + r.get("claim_id") + "<"));
        assertThat(page).doesNotContain(">" + jdbc.queryForList("SELECT claim_id FROM claim WHERE family <> 'NON_COMPLEX'", String.class)
                .stream().findFirst().orElse("none") + "<");
    }

    @Test
    void theExceptionsFilterShowsExactlyThatReasonsRows() throws Exception {
        List<CSVRecord> exceptions = csv(MONTH_DIR.resolve("exceptions.csv"));
        String reason = exceptions.get(0).get("reason_code");
        List<String> noConsent = exceptions.stream().filter(r -> r.get("reason_code").equals(reason)).map(r -> r.get("patient_id")).toList();
        assertThat(noConsent).isNotEmpty().hasSizeLessThan(exceptions.size());
        String page = page("/months/2026-10/exceptions?reason=" + reason, "AUDITOR");
        Matcher cell = Pattern.compile("<td class=\"mono\">([^<]+)</td>").matcher(page);
        List<String> shown = new ArrayList<>();
        while (cell.find()) {
            shown.add(cell.group(1));
        }
        assertThat(shown).containsExactlyElementsOf(noConsent);
        String all = page("/months/2026-10/exceptions", "AUDITOR");
        exceptions.forEach(r -> assertThat(all).contains(">" + r.get("patient_id") + "<"));
    }

    @Test
    void verifyNowIsOnTheRecordAndFailsOnAChangedFile() throws Exception {
        mvc.perform(post("/months/2026-10/verify").with(user("vera").roles("AUDITOR")).with(csrf())).andReturn();
        assertThat(jdbc.queryForObject("SELECT outcome FROM audit_event WHERE action = 'FILES_VERIFIED' AND actor = 'vera'", String.class))
                .isEqualTo("OK");
        assertThat(page("/months/2026-10", "AUDITOR")).contains("Last verified").contains("vera");
        Path exceptions = MONTH_DIR.resolve("exceptions.csv");
        Path saved = Files.createTempFile("exceptions", ".csv");
        Files.copy(exceptions, saved, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.writeString(exceptions, Files.readString(exceptions) + "\n");
            mvc.perform(post("/months/2026-10/verify").with(user("victor").roles("OPERATOR")).with(csrf())).andReturn();
            assertThat(jdbc.queryForObject("SELECT outcome FROM audit_event WHERE action = 'FILES_VERIFIED' AND actor = 'victor'", String.class))
                    .isEqualTo("FAILED");
        }
        finally {
            Files.copy(saved, exceptions, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aHoldAndReleaseFromTheConsoleAreOnTheClaimAndTheAuditLogWithTheUsersName() throws Exception {
        String claim = jdbc.queryForObject("SELECT MAX(claim_id) FROM claim WHERE status = 'DECIDED'", String.class);
        MvcResult held = mvc.perform(post("/claims/" + claim + "/hold").param("reason", "consent form not scanned")
                .with(user("bea").roles("BILLER")).with(csrf())).andReturn();
        assertThat(held.getResponse().getRedirectedUrl()).isEqualTo("/claims/" + claim);
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claim)).isEqualTo("HELD");
        assertThat(jdbc.queryForMap("SELECT actor, channel, reason FROM audit_event WHERE action = 'CLAIM_HELD' AND target = ?", claim))
                .containsEntry("ACTOR", "bea").containsEntry("CHANNEL", "console").containsEntry("REASON", "consent form not scanned");
        String page = page("/claims/" + claim, "AUDITOR");
        assertThat(page).contains("consent form not scanned").contains(">bea<").contains("id=\"claim-status\">HELD<");
        mvc.perform(post("/claims/" + claim + "/release").param("reason", "scanned").with(user("bea").roles("BILLER")).with(csrf())).andReturn();
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claim)).isEqualTo("RELEASED");
        assertThat(jdbc.queryForList("SELECT to_status FROM claim_event WHERE claim_id = ? ORDER BY event_id", String.class, claim))
                .containsExactly("DECIDED", "HELD", "RELEASED");
    }

    @Test
    void anOperatorClosesAMonthThatEndedFromTheConsoleAndItIsAudited() throws Exception {
        assertThat(page("/", "OPERATOR")).contains("action=\"/months/2026-09/close\"");
        assertThat(page("/", "AUDITOR")).doesNotContain("/close\"");
        MvcResult started = mvc.perform(post("/months/2026-09/close").with(user("olga").roles("OPERATOR")).with(csrf())).andReturn();
        assertThat(started.getResponse().getRedirectedUrl()).isEqualTo("/");
        long deadline = System.nanoTime() + 120_000_000_000L;
        Long closed = 0L;
        while (System.nanoTime() < deadline && closed == 0) {
            closed = jdbc.queryForObject("SELECT COUNT(*) FROM month_close WHERE service_month = '2026-09'", Long.class);
            Thread.sleep(200);
        }
        assertThat(closed).isOne();
        assertThat(jdbc.queryForMap("SELECT actor, channel, target FROM audit_event WHERE action = 'CLOSE_STARTED' AND target = '2026-09'"))
                .containsEntry("ACTOR", "olga").containsEntry("CHANNEL", "console");
        assertThat(page("/", "OPERATOR")).doesNotContain("action=\"/months/2026-09/close\"");
    }

    /** The CSV is streamed (StreamingResponseBody): MockMvc hands it over once the async part is dispatched. */
    private MvcResult download(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        MvcResult started = mvc.perform(request).andReturn();
        MvcResult done = started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)).andReturn() : started;
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        return done;
    }

    private String page(String path, String role) throws Exception {
        return ConsoleRequests.page(mvc, path, role);
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file);
                CSVParser parser = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader().get())) {
            return parser.getRecords();
        }
    }
}
