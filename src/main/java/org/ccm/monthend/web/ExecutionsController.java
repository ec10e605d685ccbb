package org.ccm.monthend.web;

import java.io.IOException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.close.ExecutionControl;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.history.ExecutionDetails;
import org.ccm.monthend.history.ExecutionReport;
import org.ccm.monthend.history.JobHistory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /executions}: the close and preview executions, newest first, filtered by job, status and month (all in the
 * URL), a page at a time; {@code /executions/{id}}: parameters, steps with their counts, the rule set, the published
 * files with their SHA-256 computed again. An OPERATOR restarts a failed or stopped close and stops a running one
 * (ConsoleSecurity lets no other role post here).
 */
@Controller
@ConditionalOnWebApplication
class ExecutionsController {

    static final int PAGE_SIZE = 25;
    static final List<String> STATUSES = List.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED", "UNKNOWN");
    static final List<String> JOBS = List.of(JobHistory.CLOSE_JOB, JobHistory.PREVIEW_JOB);

    private final JobHistory history;
    private final ExecutionDetails details;
    private final ExecutionControl control;

    ExecutionsController(JobHistory history, ExecutionDetails details, ExecutionControl control) {
        this.history = history;
        this.details = details;
        this.control = control;
    }

    @GetMapping("/executions")
    String list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
            @RequestParam(required = false) String month, @RequestParam(defaultValue = "1") int page, Model model) {
        String jobFilter = job != null && JOBS.contains(job) ? job : null;
        String statusFilter = status != null && STATUSES.contains(status) ? status : null;
        YearMonth monthFilter = month(month);
        int pageNumber = Math.max(1, page);
        JobHistory.Page runs = history.page(new JobHistory.Filter(jobFilter, statusFilter, monthFilter), (pageNumber - 1) * PAGE_SIZE,
                PAGE_SIZE);
        model.addAttribute("runs", runs);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (runs.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("job", jobFilter);
        model.addAttribute("status", statusFilter);
        model.addAttribute("month", monthFilter == null ? null : monthFilter.toString());
        model.addAttribute("jobs", JOBS);
        model.addAttribute("statuses", STATUSES);
        String filters = Paging.query("job", jobFilter, "status", statusFilter, "month", model.getAttribute("month"));
        model.addAttribute("previous", runs.hasPrevious() ? "/executions?" + filters + "page=" + (pageNumber - 1) : null);
        model.addAttribute("next", runs.hasNext() ? "/executions?" + filters + "page=" + (pageNumber + 1) : null);
        return "executions";
    }

    @GetMapping("/executions/{id}")
    String detail(@PathVariable long id, @RequestParam(defaultValue = "false") boolean check, Model model) throws IOException {
        ExecutionReport report;
        try {
            report = details.details(id, check);
        }
        catch (UsageException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such execution");
        }
        model.addAttribute("report", report);
        model.addAttribute("unchecked", report.published() != null && report.published().files() != null
                && report.published().files().stream().anyMatch(ExecutionReport.FileState::unchecked));
        model.addAttribute("publishedBytes", report.published() == null || report.published().files() == null ? 0
                : report.published().files().stream().mapToLong(f -> Math.max(0, f.bytes())).sum());
        model.addAttribute("restartable", ExecutionControl.restartable(report.job(), report.status()) && report.latest());
        model.addAttribute("stoppable", ExecutionControl.stoppable(report.status()));
        model.addAttribute("month", report.parameters().stream().filter(p -> p.name().equals("month")).map(ExecutionReport.Parameter::value)
                .findFirst().orElse(null));
        return "execution";
    }

    @PostMapping("/executions/{id}/restart")
    String restart(@PathVariable long id, Authentication user, RedirectAttributes flash) {
        return answered(control.requestRestart(id, user.getName(), AuditEntry.CONSOLE), id, flash,
                "Restart of execution " + id + " started: it resumes from its last checkpoint; the new execution is listed here.");
    }

    @PostMapping("/executions/{id}/stop")
    String stop(@PathVariable long id, Authentication user, RedirectAttributes flash) {
        return answered(control.stop(id, user.getName(), AuditEntry.CONSOLE), id, flash,
                "Execution " + id + " was asked to stop: it ends STOPPED at its next checkpoint and can be restarted.");
    }

    private static String answered(ExecutionControl.Answer answer, long id, RedirectAttributes flash, String accepted) {
        if (answer instanceof ExecutionControl.Answer.Refused refused) {
            flash.addFlashAttribute("error", refused.why());
            return "redirect:/executions/" + id;
        }
        flash.addFlashAttribute("done", accepted);
        ExecutionControl.Answer.Accepted ok = (ExecutionControl.Answer.Accepted) answer;
        return "redirect:/executions" + (ok.month() == null ? "" : "?month=" + ok.month());
    }

    static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(month.strip());
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }
}
