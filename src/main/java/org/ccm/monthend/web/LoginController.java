package org.ccm.monthend.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The login page (our own, same layout) and the page for a refused action. */
@Controller
@ConditionalOnWebApplication
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Where a forbidden action (or a request without its CSRF token) lands, with status 403. */
    @RequestMapping("/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "denied";
    }
}
