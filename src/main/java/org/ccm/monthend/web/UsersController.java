package org.ccm.monthend.web;

import java.util.List;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.users.ConsoleRole;
import org.ccm.monthend.users.ConsoleUsers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /users} (ADMIN): the users and their roles; add one, disable one, set a new password. Each change is audited. */
@Controller
@ConditionalOnWebApplication
class UsersController {

    private final ConsoleUsers users;

    UsersController(ConsoleUsers users) {
        this.users = users;
    }

    @GetMapping("/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", ConsoleRole.values());
        model.addAttribute("minimum", ConsoleUsers.MINIMUM_PASSWORD_LENGTH);
        return "users";
    }

    @PostMapping("/users")
    String add(@RequestParam String name, @RequestParam(required = false) List<String> role, @RequestParam String password,
            Authentication admin, RedirectAttributes flash) {
        return changed(flash, () -> {
            List<ConsoleRole> roles = role == null ? List.of() : role.stream().map(ConsoleRole::of).toList();
            users.add(name, roles, password.toCharArray(), admin.getName(), AuditEntry.CONSOLE);
            return "User " + name + " added.";
        });
    }

    @PostMapping("/users/{name}/disable")
    String disable(@PathVariable String name, @RequestParam(required = false) String reason, Authentication admin,
            RedirectAttributes flash) {
        return changed(flash, () -> {
            if (name.equalsIgnoreCase(admin.getName())) {
                throw new UsageException("you cannot disable yourself");
            }
            users.disable(name, admin.getName(), AuditEntry.CONSOLE, reason == null || reason.isBlank() ? null : reason.strip());
            return "User " + name + " disabled: they can no longer log in.";
        });
    }

    @PostMapping("/users/{name}/password")
    String resetPassword(@PathVariable String name, @RequestParam String password, Authentication admin, RedirectAttributes flash) {
        return changed(flash, () -> {
            users.resetPassword(name, password.toCharArray(), admin.getName(), AuditEntry.CONSOLE);
            return "New password set for " + name + ".";
        });
    }

    private interface Change {
        String run();
    }

    private static String changed(RedirectAttributes flash, Change change) {
        try {
            flash.addFlashAttribute("done", change.run());
        }
        catch (UsageException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/users";
    }
}
