package com.example.likes.platform.web.auth;

import com.example.likes.platform.web.WebProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The REST API's end users: the API is an OAuth2 resource server (Spring Security's {@code oauth2ResourceServer}) that
 * accepts JWTs from the one issuer the deployment names. Spring Boot builds the token decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.*} (platform-defaults.yml: {@code PLATFORM_OAUTH2_ISSUER_URI},
 * {@code PLATFORM_OAUTH2_JWK_SET_URI}, {@code PLATFORM_OAUTH2_AUDIENCE}): the issuer's keys are fetched from its JWKS
 * and cached, so checking a token costs no call to the issuer.
 *
 * <p>A write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) under {@code /api/} needs a valid bearer
 * token; a service's {@link RestAccessRules} add the permissions its endpoints need; every other request is open.
 * Refusals are problem+json ({@link BearerTokenProblems}). No session and no cookie: each request carries its token,
 * so there is no session for a cross-site request to ride on and CSRF protection has nothing to protect.
 *
 * <p>This chain takes every request the management port's chain does not (that one comes first, see
 * {@code ManagementSecurityAutoConfiguration}).
 */
@AutoConfiguration(
        after = OAuth2ResourceServerAutoConfiguration.class,
        before = {
            OAuth2ResourceServerWebSecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class EndUserSecurityAutoConfiguration {

    /** The prefix of the authority Spring Security makes of each scope of a token. */
    static final String SCOPE_PREFIX = "SCOPE_";

    private static final HttpMethod[] WRITES = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE};

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain endUserSecurity(
            HttpSecurity http,
            ObjectProvider<RestAccessRules> rules,
            OAuth2ResourceServerProperties resourceServer,
            JwtDecoder decoder,
            WebProperties web) {
        var problems = new BearerTokenProblems(resourceServer.getJwt().getIssuerUri(), web.retryAfter());
        return http.authorizeHttpRequests(requests -> {
                    rules.orderedStream().forEach(rule -> rule.addTo(requests));
                    for (HttpMethod write : WRITES) {
                        requests.requestMatchers(write, "/api/**").authenticated();
                    }
                    requests.anyRequest().permitAll();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(issuerUnavailableAsJwtException(decoder)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                // Spring Security would rethrow a failure to fetch the keys, which ends as a 500.
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Spring Boot's decoder finds the issuer's keys on first use, and reports an issuer it cannot reach then as an
     * exception Spring Security does not know (a 500). As a {@link JwtException} it is a failure to check the token,
     * answered 503 ({@link BearerTokenProblems}), and the next request tries again.
     */
    private static JwtDecoder issuerUnavailableAsJwtException(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("the issuer's keys cannot be fetched", e);
            }
        };
    }

    /** The firewall's refusals (on both ports) as problem+json. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return new ProblemRequestRejectedHandler();
    }

    /** The bearer-token scheme of the OpenAPI document, for a service that publishes one (springdoc). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
    static class OpenApiDocument {

        @Bean
        EndUserOpenApi endUserOpenApi(
                WebInvocationPrivilegeEvaluator privileges, OAuth2ResourceServerProperties resourceServer) {
            return new EndUserOpenApi(privileges, resourceServer.getJwt().getIssuerUri());
        }
    }
}
