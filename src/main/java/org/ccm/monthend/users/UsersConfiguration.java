package org.ccm.monthend.users;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

/** The user store, in every context: the {@code user} commands write it, the console's login reads it. */
@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

    /** Spring Security's standard tables (V10); the query for a disabled user's roles is the standard one. */
    @Bean
    JdbcUserDetailsManager userDetailsManager(DataSource dataSource) {
        JdbcUserDetailsManager manager = new JdbcUserDetailsManager(dataSource);
        manager.setEnableGroups(false);
        return manager;
    }

    /** {bcrypt} hashes (the delegating encoder names the scheme in the hash, so a future one can be added). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
