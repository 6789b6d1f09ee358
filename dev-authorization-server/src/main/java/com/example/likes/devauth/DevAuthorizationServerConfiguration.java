package com.example.likes.devauth;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What this server adds to Spring Boot's configuration of Spring Authorization Server: the development clients, and
 * the audience in every access token. Everything else (the endpoints, OpenID Connect discovery, a signing key made at
 * start) is Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
class DevAuthorizationServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DevAuthorizationServerConfiguration.class);
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

    /** Says at start how to get a token, so that compose's and the local stack's logs show the one command. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> howToGetAToken(
            DevClientsProperties clients, AuthorizationServerSettings settings) {
        return ready -> log.info(
                """
                Development tokens (dev profile only):
                  an end user (any dev-user-<name>): curl -s -u dev-user-1:{} -d grant_type=client_credentials {}/oauth2/token
                  the product editor:                curl -s -u {}:{} -d grant_type=client_credentials -d 'scope={} {}' {}/oauth2/token""",
                clients.userSecret(),
                settings.getIssuer(),
                DevClients.EDITOR,
                clients.editorSecret(),
                DevClients.PRODUCTS_WRITE,
                DevClients.USERS_READ,
                settings.getIssuer());
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
