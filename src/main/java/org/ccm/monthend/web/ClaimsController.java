package org.ccm.monthend.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.console.ClaimDetail;
import org.ccm.monthend.console.ClaimList;
import org.ccm.monthend.review.ClaimReview;
import org.ccm.monthend.review.ClaimStatus;
import org.ccm.monthend.review.StatusChange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A month's claims (filters in the query string: status, code, family, practice, practitioner, sort, page; never a
 * patient), their CSV, one claim, and hold / release with a reason (BILLER; the security chain refuses the others).
 */
@Controller
@ConditionalOnWebApplication
class ClaimsController {

    private final ClaimList claims;
    private final ClaimDetail detail;
    private final ClaimReview review;

    ClaimsController(ClaimList claims, ClaimDetail detail, ClaimReview review) {
        this.claims = claims;
        this.detail = detail;
        this.review = review;
    }

    @GetMapping("/months/{month}/claims")
    String claims(@PathVariable String month, @RequestParam(required = false) String status, @RequestParam(required = false) String code,
            @RequestParam(required = false) String family, @RequestParam(required = false) String practice,
            @RequestParam(required = false) String practitioner, @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page, Model model) {
        ClaimList.Filter filter = filter(month, status, code, family, practice, practitioner, sort, page);
        model.addAttribute("page", claims.page(filter));
        model.addAttribute("f", filter);
        model.addAttribute("statuses", List.of(ClaimStatus.values()));
        model.addAttribute("codes", List.of("99490", "99439", "99487", "99489", "99491", "99437"));
        model.addAttribute("families", List.of("NON_COMPLEX", "COMPLEX", "PRACTITIONER"));
        model.addAttribute("sorts", List.of(ClaimList.Sort.values()));
        return "claims";
    }

    @GetMapping("/months/{month}/claims.csv")
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String month, @RequestParam(required = false) String status,
            @RequestParam(required = false) String code, @RequestParam(required = false) String family,
            @RequestParam(required = false) String practice, @RequestParam(required = false) String practitioner,
            @RequestParam(required = false) String sort) {
        ClaimList.Filter filter = filter(month, status, code, family, practice, practitioner, sort, 0);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            claims.csv(filter, writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"claims-" + filter.month() + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(body);
    }

    @GetMapping("/claims/{id}")
    String claim(@PathVariable String id, Authentication user, Model model) throws IOException {
        ClaimDetail.Claim claim = detail.claim(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such claim"));
        boolean seesMbi = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().matches("ROLE_(AUDITOR|BILLER)"));
        model.addAttribute("c", claim);
        model.addAttribute("mbi", seesMbi ? claim.mbi() : ClaimList.mask(claim.mbi()));
        return "claim";
    }

    @PostMapping("/claims/{id}/hold")
    String hold(@PathVariable String id, @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        if (reason == null || reason.isBlank()) {
            flash.addFlashAttribute("error", "A hold needs a reason: it goes on the claim's record. Nothing was changed.");
            return "redirect:/claims/" + id;
        }
        return report(review.hold(id, reason.strip(), user.getName(), AuditEntry.CONSOLE), id, flash);
    }

    @PostMapping("/claims/{id}/release")
    String release(@PathVariable String id, @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        return report(review.release(id, user.getName(), reason == null || reason.isBlank() ? null : reason.strip(), AuditEntry.CONSOLE), id,
                flash);
    }

    private static String report(StatusChange change, String id, RedirectAttributes flash) {
        if (change instanceof StatusChange.Changed changed) {
            flash.addFlashAttribute("message", "The claim is " + changed.event().to() + " now (was " + changed.event().from()
                    + "); it is on the record with your name.");
        }
        else {
            flash.addFlashAttribute("error", ((StatusChange.Refused) change).message() + ". Nothing was changed.");
        }
        return "redirect:/claims/" + id;
    }

    private static ClaimList.Filter filter(String month, String status, String code, String family, String practice, String practitioner,
            String sort, int page) {
        YearMonth serviceMonth = Months.parse(month);
        ClaimStatus claimStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                claimStatus = ClaimStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no such status");
            }
        }
        return new ClaimList.Filter(serviceMonth, claimStatus, code, family, practice, practitioner, ClaimList.Sort.of(sort), page);
    }
}
