package org.ccm.monthend.web;

import java.io.IOException;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;


import org.ccm.monthend.billing.ReasonCode;
import org.ccm.monthend.console.ExceptionList;
import org.ccm.monthend.console.MonthView;
import org.ccm.monthend.history.VerifyReport;
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

import org.ccm.monthend.audit.AuditEntry;

/** {@code /months/{M}}: the month in words and charts; "verify now" (every role that reads); its exceptions. */
@Controller
@ConditionalOnWebApplication
class MonthController {

    private final MonthView view;
    private final ExceptionList exceptions;

    MonthController(MonthView view, ExceptionList exceptions) {
        this.view = view;
        this.exceptions = exceptions;
    }

    @GetMapping("/months/{month}")
    String month(@PathVariable String month, Model model) throws IOException {
        YearMonth serviceMonth = Months.parse(month);
        MonthView.Month m = view.month(serviceMonth);
        model.addAttribute("m", m);
        m.summary().ifPresent(s -> {
            model.addAttribute("codesMax", max(s.codes().values().stream().map(c -> c.lines()).toList()));
            model.addAttribute("familiesMax", max(List.copyOf(s.families().values())));
            model.addAttribute("reasons", s.exceptionReasons().entrySet().stream()
                    .sorted(Comparator.comparing(e -> reasonOrder(e.getKey()))).toList());
            model.addAttribute("reasonsMax", max(List.copyOf(s.exceptionReasons().values())));
        });
        return "month";
    }

    @PostMapping("/months/{month}/verify")
    String verify(@PathVariable String month, Authentication user, RedirectAttributes flash) {
        YearMonth serviceMonth = Months.parse(month);
        VerifyReport report = view.verify(serviceMonth, user.getName(), AuditEntry.CONSOLE);
        flash.addFlashAttribute("verified", report);
        return "redirect:/months/" + serviceMonth;
    }

    @GetMapping("/months/{month}/exceptions")
    String exceptions(@PathVariable String month, @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "0") long from, Model model) throws IOException {
        YearMonth serviceMonth = Months.parse(month);
        String filter = reason == null || reason.isBlank() ? null : reasonCode(reason);
        ExceptionList.Page page;
        try {
            page = exceptions.page(serviceMonth, filter, from).orElse(null);
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a page of this list");
        }
        model.addAttribute("month", serviceMonth);
        model.addAttribute("reason", filter);
        model.addAttribute("reasons", List.of(ReasonCode.values()));
        model.addAttribute("page", page);
        return "exceptions";
    }

    private static String reasonCode(String value) {
        try {
            return ReasonCode.valueOf(value.strip()).name();
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no such reason");
        }
    }

    private static int reasonOrder(String reason) {
        try {
            return ReasonCode.valueOf(reason).ordinal();
        }
        catch (IllegalArgumentException ex) {
            return Integer.MAX_VALUE;
        }
    }

    private static long max(List<Long> values) {
        return Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
    }

}
