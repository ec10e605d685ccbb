package org.ccm.monthend.web;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.remittance.RemitOutcome;
import org.ccm.monthend.remittance.RemittancePoster;
import org.ccm.monthend.remittance.Remittances;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /remittances}: the posted 835s, newest first (payer, check/EFT trace, date, amount, claims matched and not);
 * a BILLER posts an 835 file uploaded here, as the logged-in user (RemittancePoster records REMITTANCE_POSTED with the
 * posting). The upload is kept in a temporary file only while it is posted; the poster keeps its own copy.
 */
@Controller
@ConditionalOnWebApplication
class RemittancesController {

    static final int PAGE_SIZE = 25;

    private final Remittances remittances;
    private final RemittancePoster poster;

    RemittancesController(Remittances remittances, RemittancePoster poster) {
        this.remittances = remittances;
        this.poster = poster;
    }

    @GetMapping("/remittances")
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        int pageNumber = Math.max(1, page);
        int total = remittances.count();
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("remittances", remittances.list((pageNumber - 1) * PAGE_SIZE, PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", pages);
        model.addAttribute("previous", pageNumber > 1 ? "/remittances?page=" + (pageNumber - 1) : null);
        model.addAttribute("next", pageNumber < pages ? "/remittances?page=" + (pageNumber + 1) : null);
        return "remittances";
    }

    @PostMapping("/remittances")
    String post(@RequestParam(value = "file", required = false) MultipartFile file, Authentication user, RedirectAttributes flash) {
        // a post without the file part (a form that is not multipart) is said like an empty upload
        if (file == null || file.isEmpty()) {
            flash.addFlashAttribute("error", "Choose an 835 file to post.");
            return "redirect:/remittances";
        }
        Path upload = null;
        try {
            upload = Files.createTempFile("ccm-835-upload", ".edi");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
            }
            RemitOutcome outcome = poster.post(upload, user.getName(), AuditEntry.CONSOLE);
            if (outcome instanceof RemitOutcome.Refused refused) {
                // the poster names the temporary file: say the upload's own name instead
                flash.addFlashAttribute("error", "Not posted: " + refused.reason().replace(upload.toString(), "the uploaded file"));
            }
            else if (outcome instanceof RemitOutcome.InProgress) {
                flash.addFlashAttribute("error", "Another remittance is being posted; nothing was done. Try again in a moment.");
            }
            else if (outcome instanceof RemitOutcome.Posted posted) {
                flash.addFlashAttribute("done", posted.nothingNew() ? "This file was posted before; nothing new was recorded."
                        : "Posted: " + posted.transactions().stream().filter(t -> !t.alreadyPosted())
                                .map(t -> t.key() + " (" + t.claims() + " claims, " + t.unmatched() + " unmatched, " + t.statuses() + ")")
                                .collect(Collectors.joining("; ")));
            }
        }
        catch (Exception failed) {
            flash.addFlashAttribute("error", "The posting failed: " + FailureText.of(failed) + ". Nothing was posted twice; try again.");
        }
        finally {
            if (upload != null) {
                try {
                    Files.deleteIfExists(upload);
                }
                catch (java.io.IOException ignored) {
                    // a temporary file left behind holds no more than the upload did
                }
            }
        }
        return "redirect:/remittances";
    }
}
