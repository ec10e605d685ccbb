package org.ccm.monthend.web;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.submission.SubmissionHistory;
import org.ccm.monthend.submission.SubmitOutcome;
import org.ccm.monthend.submission.Submitter;
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
 * {@code /submissions}: the interchanges written, a page at a time; {@code /submissions/{isa13}}: one with its
 * practices, its file as recorded (checked again with {@code ?check=true}), what the payer answered and its claims. A BILLER submits the ready claims (of one month
 * or of every closed month) as the logged-in user.
 */
@Controller
@ConditionalOnWebApplication
class SubmissionsController {

    static final int PAGE_SIZE = 25;
    static final int CLAIMS_PAGE_SIZE = 50;

    private final SubmissionHistory submissions;
    private final Submitter submitter;

    SubmissionsController(SubmissionHistory submissions, Submitter submitter) {
        this.submissions = submissions;
        this.submitter = submitter;
    }

    @GetMapping("/submissions")
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        int pageNumber = Math.max(1, page);
        SubmissionHistory.Page interchanges = submissions.page((pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
        model.addAttribute("interchanges", interchanges);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (interchanges.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("previous", interchanges.hasPrevious() ? "/submissions?page=" + (pageNumber - 1) : null);
        model.addAttribute("next", interchanges.hasNext() ? "/submissions?page=" + (pageNumber + 1) : null);
        return "submissions";
    }

    @GetMapping("/submissions/{isa13}")
    String detail(@PathVariable long isa13, @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "false") boolean check,
            Model model) throws Exception {
        int pageNumber = Math.max(1, page);
        SubmissionHistory.Detail detail = submissions.detail(isa13, (pageNumber - 1) * CLAIMS_PAGE_SIZE, CLAIMS_PAGE_SIZE, check)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such interchange"));
        model.addAttribute("detail", detail);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (detail.claimCount() + CLAIMS_PAGE_SIZE - 1) / CLAIMS_PAGE_SIZE));
        model.addAttribute("previous", detail.hasPrevious() ? "/submissions/" + isa13 + "?page=" + (pageNumber - 1) : null);
        model.addAttribute("next", detail.hasNext() ? "/submissions/" + isa13 + "?page=" + (pageNumber + 1) : null);
        return "submission";
    }

    @PostMapping("/submissions")
    String submit(@RequestParam(required = false) String month, Authentication user, RedirectAttributes flash) {
        YearMonth serviceMonth = ExecutionsController.month(month);
        try {
            SubmitOutcome outcome = submitter.submit(serviceMonth, user.getName(), AuditEntry.CONSOLE);
            if (outcome instanceof SubmitOutcome.InProgress) {
                flash.addFlashAttribute("error", "Another submit is running; nothing was done. Try again in a moment.");
            }
            else if (outcome instanceof SubmitOutcome.Submitted submitted) {
                flash.addFlashAttribute("done", said(submitted));
            }
        }
        catch (UsageException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        catch (Exception failed) {
            flash.addFlashAttribute("error", "The submit failed: " + FailureText.of(failed) + ". Nothing was sent twice; try again.");
        }
        return "redirect:/submissions";
    }

    static String said(SubmitOutcome.Submitted submitted) {
        if (submitted.interchanges().isEmpty()) {
            return "No claim was ready to submit" + (submitted.rejected() > 0 ? "; " + submitted.rejected() + " could not be carried." : ".");
        }
        List<SubmitOutcome.Published> written = submitted.interchanges();
        String interchanges = written.stream().map(p -> String.format(Locale.ROOT, "%09d (%d claims, %s)", p.isa13(), p.claims(),
                p.totalCharge().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())).collect(Collectors.joining(", "));
        return "Submitted: interchange " + interchanges + (submitted.rejected() > 0 ? "; " + submitted.rejected()
                + " claims could not be carried (see the rejects file beside the interchange)." : ".");
    }
}
