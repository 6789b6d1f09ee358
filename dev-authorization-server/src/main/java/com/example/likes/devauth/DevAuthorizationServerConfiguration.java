package com.example.likes.devauth;

import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What this server adds to Spring Boot's configuration of Spring Authorization Server: the development clients, and
 * the audience in every access token. Everything else (the endpoints, OpenID Connect discovery, a signing key made at
 * start) is Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
class DevAuthorizationServerConfiguration {

    private static final String NOOP = "noop";

    @Bean
    RegisteredClientRepository devClients(DevClientsProperties properties) {
        return new DevClients(properties);
    }

    /**
     * Client secrets as they are ({@code {noop}...}), and kept so: Spring Authorization Server would otherwise hash
     * each one with BCrypt at its first use and store it again, and the development clients are made on each lookup.
     * Development secrets are published, so a hash would protect nothing.
     */
    @Bean
    @SuppressWarnings("deprecation")
    PasswordEncoder publishedSecrets() {
        return new DelegatingPasswordEncoder(NOOP, Map.of(NOOP, NoOpPasswordEncoder.getInstance()));
    }

    /** The services accept a token only when its {@code aud} names them (PLATFORM_OAUTH2_AUDIENCE). */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> audience(DevClientsProperties properties) {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(properties.audience()));
            }
        };
    }
}
