package org.ccm.monthend.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: the months overview for the roles that read; a user who is only ADMIN goes to the users page. */
@Controller
@ConditionalOnWebApplication
class HomeController {

    @GetMapping("/")
    String home(Authentication user) {
        boolean reads = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().matches("ROLE_(AUDITOR|BILLER|OPERATOR)"));
        if (!reads) {
            return "redirect:/users";
        }
        return "months";
    }
}
