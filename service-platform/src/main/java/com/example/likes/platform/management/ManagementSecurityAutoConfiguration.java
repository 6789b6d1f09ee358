package com.example.likes.platform.management;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The management port (Actuator) and who may use it. Health, info and prometheus are open to anyone who can reach
 * the port (health shows its details only to an operator); every other endpoint, the operator's operations among
 * them, answers 401 without the operator's credential: HTTP Basic ({@code operator} and a key of
 * {@code platform.management.operator-keys}) or {@code Authorization: Bearer <key>}. A state-changing request that a
 * page on another site could make a browser send with its cached Basic credentials is 403 ({@link CrossSiteForgeable}):
 * there is no session to carry a CSRF token, so the request itself must show that a script or tool sent it. Failed
 * logins are logged and limited per address ({@link FailedLogins}).
 *
 * <p>One Spring Security filter serves both ports, and this chain comes first: it takes every request that reached the
 * management port ({@link ManagementPortRequests}); the REST port's requests go on to the end users' chain
 * ({@code EndUserSecurityAutoConfiguration}), which knows nothing of operators. So a service must serve Actuator on a
 * port of its own ({@code management.server.port}); it refuses to start otherwise.
 */
@AutoConfiguration(
        before = {
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OperatorProperties.class)
public class ManagementSecurityAutoConfiguration {

    @Bean
    OperatorAuthenticationProvider operatorAuthenticationProvider(OperatorProperties properties, Environment env) {
        if (ManagementPortType.get(env) == ManagementPortType.SAME) {
            throw new IllegalStateException("Actuator must be served on its own port: set management.server.port"
                    + " (DASHBOARD_MANAGEMENT_PORT, PRODUCT_MANAGEMENT_PORT) to a port other than server.port");
        }
        return new OperatorAuthenticationProvider(properties.operatorKeys());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementSecurity(
            HttpSecurity http, OperatorAuthenticationProvider operators, OperatorProperties properties) {
        var failedLogins = new FailedLogins(properties.failedLogins());
        var entryPoint = new OperatorEntryPoint(failedLogins);
        var manager = new ProviderManager(operators);
        var bearer = new AuthenticationFilter(manager, new BearerKeyConverter());
        bearer.setSuccessHandler((request, response, authentication) -> {});
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
        return http.securityMatcher(new ManagementPortRequests())
                .authenticationManager(manager)
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(EndpointRequest.to("health", "info", "prometheus"))
                                .permitAll()
                                .requestMatchers(new CrossSiteForgeable())
                                .denyAll()
                                .anyRequest()
                                .hasRole(OperatorAuthenticationProvider.ROLE))
                .httpBasic(basic -> basic.realmName("operator").authenticationEntryPoint(entryPoint))
                // Added in this order before Basic: the throttle, then the bearer key.
                .addFilterBefore(new FailedLoginThrottle(failedLogins), BasicAuthenticationFilter.class)
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(new OperatorAccessDenied()))
                // No session, so no CSRF token: CrossSiteForgeable above refuses what a cross-site page could send.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }
}
