package com.example.likes.platform.web.auth;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules for its REST API, a bean the platform applies before its defaults: every other write
 * ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) under {@code /api/} needs a valid bearer token, and
 * every other request is open. A rule names the permission as Spring Security's authority, {@code SCOPE_<scope>}:
 *
 * <pre>{@code
 * @Bean
 * RestAccessRules productEditors() {
 *     return requests -> requests.requestMatchers(HttpMethod.DELETE, "/api/products/**")
 *             .hasAuthority("SCOPE_products:write");
 * }
 * }</pre>
 *
 * A rule about one object (only its owner may read it) belongs to the service's code, which refuses with a
 * {@link com.example.likes.platform.error.PermissionDeniedException}.
 */
@FunctionalInterface
public interface RestAccessRules {

    void addTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
