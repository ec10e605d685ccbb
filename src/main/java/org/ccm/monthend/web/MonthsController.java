package org.ccm.monthend.web;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.ccm.monthend.console.MonthsOverview;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/** {@code /}: the months, with the charts' data in data-* attributes; closing a month that has ended (OPERATOR). */
@Controller
@ConditionalOnWebApplication
class MonthsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MonthsOverview overview;
    private final CloseStarter closes;

    MonthsController(MonthsOverview overview, CloseStarter closes) {
        this.overview = overview;
        this.closes = closes;
    }

    @GetMapping("/")
    String months(Authentication user, Model model) {
        boolean reads = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().matches("ROLE_(AUDITOR|BILLER|OPERATOR)"));
        if (!reads) {
            // a user who is only ADMIN reads no claims
            return "redirect:/users";
        }
        List<MonthsOverview.Month> months = overview.months();
        model.addAttribute("months", months);
        model.addAttribute("amountsChart", amountsChart(months));
        model.addAttribute("codesChart", codesChart(months));
        return "months";
    }

    @PostMapping("/months/{month}/close")
    String close(@PathVariable String month, Authentication user, RedirectAttributes flash) {
        var serviceMonth = Months.parse(month);
        MonthsOverview.Month row = overview.months().stream().filter(m -> m.month().equals(serviceMonth)).findFirst().orElse(null);
        if (row == null || !row.closable()) {
            flash.addFlashAttribute("error", serviceMonth + " cannot be closed from here: it has not ended or is closed already"
                    + " (a re-close is 'close --month " + serviceMonth + " --revision N' on the command line).");
            return "redirect:/";
        }
        closes.start(serviceMonth, user.getName());
        flash.addFlashAttribute("message", "The close of " + serviceMonth + " has started; it is on the audit log with your name."
                + " Follow it on the executions page.");
        return "redirect:/";
    }

    /** Expected vs paid per month, oldest first, for uPlot: x in epoch seconds. */
    private static String amountsChart(List<MonthsOverview.Month> months) {
        List<Long> x = new ArrayList<>();
        List<BigDecimal> expected = new ArrayList<>();
        List<BigDecimal> paid = new ArrayList<>();
        for (int i = months.size() - 1; i >= 0; i--) {
            MonthsOverview.Month m = months.get(i);
            x.add(m.month().atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            expected.add(m.expected());
            paid.add(m.paidAmount());
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("x", x);
        chart.put("series", List.of(Map.of("label", "expected $", "values", expected), Map.of("label", "paid $", "values", paid)));
        return JSON.writeValueAsString(chart);
    }

    /** Claim lines per code per month. */
    private static String codesChart(List<MonthsOverview.Month> months) {
        TreeSet<String> codes = new TreeSet<>();
        months.forEach(m -> codes.addAll(m.linesPerCode().keySet()));
        List<Long> x = new ArrayList<>();
        Map<String, List<Long>> values = new LinkedHashMap<>();
        codes.forEach(c -> values.put(c, new ArrayList<>()));
        for (int i = months.size() - 1; i >= 0; i--) {
            MonthsOverview.Month m = months.get(i);
            x.add(m.month().atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            codes.forEach(c -> values.get(c).add(m.closed() ? m.linesPerCode().getOrDefault(c, 0L) : null));
        }
        List<Map<String, Object>> series = new ArrayList<>();
        values.forEach((code, v) -> series.add(Map.of("label", code, "values", v)));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("x", x);
        chart.put("series", series);
        return JSON.writeValueAsString(chart);
    }
}
