/**
 * The web console ({@code serve}): Spring MVC controllers, Thymeleaf view models and the security configuration. It
 * only presents what the feature services return; no feature imports it. Every bean here is
 * {@code @ConditionalOnWebApplication}: the other commands start a non-web context and none of this.
 */
package org.ccm.monthend.web;
