package org.ccm.monthend.web;

import java.util.Arrays;
import java.util.List;

import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /audit}: every state-changing action, newest first, filtered by actor, action and month (in the URL), paged. */
@Controller
@ConditionalOnWebApplication
class AuditController {

    static final int PAGE_SIZE = 50;

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String log(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String month, @RequestParam(defaultValue = "1") int page, Model model) {
        String actorFilter = actor == null || actor.isBlank() ? null : actor.strip();
        AuditAction actionFilter = Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action)).findFirst().orElse(null);
        String monthFilter = ExecutionsController.month(month) == null ? null : ExecutionsController.month(month).toString();
        int pageNumber = Math.max(1, page);
        List<AuditEntry> entries = audit.page(actorFilter, actionFilter, monthFilter, (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
        long total = audit.count(actorFilter, actionFilter, monthFilter);
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("entries", entries);
        model.addAttribute("total", total);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", pages);
        model.addAttribute("actor", actorFilter);
        model.addAttribute("action", actionFilter == null ? null : actionFilter.name());
        model.addAttribute("month", monthFilter);
        model.addAttribute("actions", AuditAction.values());
        String filters = Paging.query("actor", actorFilter, "action", model.getAttribute("action"), "month", monthFilter);
        model.addAttribute("previous", pageNumber > 1 ? "/audit?" + filters + "page=" + (pageNumber - 1) : null);
        model.addAttribute("next", pageNumber < pages ? "/audit?" + filters + "page=" + (pageNumber + 1) : null);
        return "audit";
    }
}
