package com.example.likes.platform.grpc.auth;

import com.example.likes.platform.grpc.GrpcInterceptorOrder;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.ProviderNotFoundException;

/**
 * Service-to-service authentication on Spring gRPC's security ({@link GrpcSecurity}): every call but those to the
 * public services presents an API key and, with mutual TLS, a client certificate, and both must name the same caller
 * ({@link CallerAuthenticationProvider}); the caller may then call the methods it is granted ({@link MethodGrants}).
 * Each client channel sends the key configured for it.
 */
@AutoConfiguration(
        after = GrpcServerSecurityAutoConfiguration.class,
        before = GrpcServerOAuth2ResourceServerAutoConfiguration.class)
@EnableConfigurationProperties({
    GrpcAuthProperties.class,
    GrpcClientAuthProperties.class,
    PlatformGrpcServerProperties.class
})
public class GrpcAuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GrpcAuthAutoConfiguration.class);

    @Bean
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", matchIfMissing = true)
    ApiKeys grpcApiKeys(GrpcAuthProperties properties) {
        if (properties.keys().isEmpty()) {
            throw new IllegalStateException("platform.grpc.auth.keys lists no caller:key, so no call could be"
                    + " authenticated: set the server's caller keys (see .env.example), or set"
                    + " platform.grpc.auth.enabled=false");
        }
        ApiKeys keys = ApiKeys.parse(properties.keys());
        List<String> keyless = properties.permissions().keySet().stream()
                .filter(caller -> !keys.callers().contains(caller))
                .toList();
        if (!keyless.isEmpty()) {
            // Not fatal: a deployment may drop a caller's key and keep its permissions.
            log.warn("platform.grpc.auth.permissions names callers that hold no key: {}", keyless);
        }
        List<String> ungranted = keys.callers().stream()
                .filter(caller -> !properties.permissions().containsKey(caller))
                .toList();
        if (!ungranted.isEmpty()) {
            // Not fatal either, but most likely a typo: these callers may call nothing but health and reflection.
            log.warn("platform.grpc.auth.permissions grants nothing to these callers: {}", ungranted);
        }
        log.info("gRPC calls need an API key; callers: {}", keys.callers());
        return keys;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", matchIfMissing = true)
    MethodGrants grpcMethodGrants(GrpcAuthProperties properties) {
        return new MethodGrants(properties.permissions());
    }

    /**
     * The callers' authentication. Its own {@link ProviderManager}, not a bean: the management port's operator check
     * and any other Spring Security configuration of the service never see a gRPC caller's credentials.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", matchIfMissing = true)
    GrpcCallers grpcCallers(
            ApiKeys keys, MethodGrants grants, PlatformGrpcServerProperties server, Environment environment) {
        // With mutual TLS on (GrpcTlsSettings), every caller must show its certificate.
        boolean certificateRequired = environment.getProperty("platform.grpc.tls.enabled", Boolean.class, true);
        return new GrpcCallers(
                new CallerCredentialsExtractor(server),
                new ProviderManager(new CallerAuthenticationProvider(keys, grants, certificateRequired)));
    }

    /** Spring gRPC's security interceptor: authentication, then the method rules. */
    @Bean
    @GlobalServerInterceptor
    @Order(GrpcInterceptorOrder.AUTHENTICATION)
    @ConditionalOnBean(GrpcSecurity.class)
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", matchIfMissing = true)
    AuthenticationProcessInterceptor grpcSecurityInterceptor(
            GrpcSecurity grpc, GrpcCallers callers, MethodGrants grants, PlatformGrpcServerProperties server)
            throws Exception {
        return grpc.authenticationExtractor(callers.credentials())
                .authenticationManager(callers.authentication())
                .authorizeRequests(requests -> grants.authorize(requests, server.publicServices()))
                .build();
    }

    /**
     * With authentication off, every call is let through. It is still Spring gRPC's interceptor, so that no other
     * security takes its place unasked (Spring Boot's gRPC resource server, once the service has a JWT decoder).
     */
    @Bean
    @GlobalServerInterceptor
    @Order(GrpcInterceptorOrder.AUTHENTICATION)
    @ConditionalOnBean(GrpcSecurity.class)
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", havingValue = false)
    AuthenticationProcessInterceptor grpcSecurityOffInterceptor(GrpcSecurity grpc) throws Exception {
        return grpc.authenticationManager(authentication -> {
                    throw new ProviderNotFoundException("gRPC authentication is off");
                })
                .authorizeRequests(requests -> requests.allRequests().permitAll())
                .build();
    }

    /** Outside the dev profile the service does not start with authentication off (DevelopmentMode). */
    @Bean
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", havingValue = false)
    ApplicationRunner grpcAuthOffWarning() {
        return arguments -> log.warn("gRPC authentication is OFF (platform.grpc.auth.enabled=false): any client may"
                + " call every method. This is allowed in the dev profile only.");
    }

    /**
     * Sends the channel's key in {@code x-api-key} on every call of the channels that have one in
     * {@code platform.grpc.client.api-keys} (grpc-java's {@link MetadataUtils} header interceptor).
     */
    @Bean
    <T extends ManagedChannelBuilder<T>> GrpcChannelBuilderCustomizer<T> apiKeyChannelCustomizer(
            GrpcClientAuthProperties properties) {
        return (channel, builder) -> {
            String key = properties.apiKeys().get(channel);
            if (key != null && !key.isBlank()) {
                builder.intercept(ApiKeys.clientInterceptor(key.strip()));
            }
        };
    }
}
