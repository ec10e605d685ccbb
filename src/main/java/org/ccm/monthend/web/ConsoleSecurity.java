package org.ccm.monthend.web;

import org.ccm.monthend.users.LoginAttempts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may do what on the console, in one filter chain: URL and method rules per role (../shared/console.md), so a
 * forged request meets the same 403 as a hidden button. Form login on our own page, CSRF on every form, the session in
 * an HttpOnly SameSite=Strict cookie that expires after {@code ccm.console.session-timeout} idle (application.yml),
 * a Content-Security-Policy that allows no inline script, and a lock-out after {@link LoginAttempts#LIMIT} failed
 * logins in {@link LoginAttempts#WINDOW}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
class ConsoleSecurity {

    /** The roles that read the claim and operations pages: everyone but a user who is only ADMIN. */
    static final String[] READERS = {"AUDITOR", "BILLER", "OPERATOR"};

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, JdbcUserDetailsManager users, PasswordEncoder encoder, LoginAttempts attempts)
            throws Exception {
        // the only way in: no parent manager to fall back to, so a refused login is checked (and recorded) once
        ProviderManager manager = new ProviderManager(lockingProvider(users, encoder, attempts));
        manager.setEraseCredentialsAfterAuthentication(true);
        http.authenticationManager(manager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error", "/denied").permitAll()
                        // Console A: the claim side
                        .requestMatchers(HttpMethod.POST, "/months/*/close").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.POST, "/months/*/verify").hasAnyRole(READERS)
                        .requestMatchers(HttpMethod.POST, "/claims/*/hold", "/claims/*/release").hasRole("BILLER")
                        // Console B: the operations side
                        .requestMatchers(HttpMethod.POST, "/executions/*/restart", "/executions/*/stop").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.POST, "/submissions", "/submissions/**", "/remittances", "/remittances/**").hasRole("BILLER")
                        .requestMatchers("/users", "/users/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/months/**", "/claims/**", "/executions/**", "/submissions/**", "/remittances/**",
                                "/audit", "/audit/**").hasAnyRole(READERS)
                        // the home page sends a user who reads nothing (ADMIN only) to the users page
                        .requestMatchers(HttpMethod.GET, "/").authenticated()
                        .anyRequest().denyAll())
                .formLogin(login -> login.loginPage("/login").failureUrl("/login?error").defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID")
                        .invalidateHttpSession(true))
                .exceptionHandling(errors -> errors.accessDeniedPage("/denied"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    /**
     * The standard check of name and BCrypt hash against the user tables, behind the lock-out: a locked-out name is
     * refused before its password is looked at; every failure is recorded (login_attempt, LOGIN_FAILED on the audit
     * log), a success clears the count.
     */
    static AuthenticationProvider lockingProvider(JdbcUserDetailsManager users, PasswordEncoder encoder, LoginAttempts attempts) {
        DaoAuthenticationProvider checked = new DaoAuthenticationProvider(users);
        checked.setPasswordEncoder(encoder);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication login) throws AuthenticationException {
                String name = login.getName();
                if (attempts.lockedOut(name)) {
                    attempts.failed(name, "locked out: " + LoginAttempts.LIMIT + " failed logins within " + LoginAttempts.WINDOW.toMinutes()
                            + " minutes");
                    throw new LockedException("locked out");
                }
                try {
                    Authentication authenticated = checked.authenticate(login);
                    attempts.succeeded(name);
                    return authenticated;
                }
                catch (DisabledException ex) {
                    attempts.failed(name, "user disabled");
                    throw ex;
                }
                catch (BadCredentialsException ex) {
                    attempts.failed(name, "bad credentials");
                    throw ex;
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return checked.supports(authentication);
            }
        };
    }
}
