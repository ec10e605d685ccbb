/**
 * The console's users and their roles (Spring Security's {@code users} and {@code authorities} tables through
 * {@code JdbcUserDetailsManager}, BCrypt hashes), the login attempts behind the lock-out, and the audit of both. Used
 * by the {@code user} commands and by the console's login; it knows nothing of the web.
 */
package org.ccm.monthend.users;
