package com.example.likes.platform.grpc.auth;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps Spring gRPC's own security out of every service: the platform authenticates gRPC calls with its API keys
 * ({@link ApiKeyServerInterceptor}), and Spring gRPC's would refuse them all as soon as Spring Security has a way to
 * authenticate anyone (the REST port's token decoder). A filter rather than {@code spring.autoconfigure.exclude},
 * which a service's own exclusions would replace.
 */
public class NoSpringGrpcSecurity implements AutoConfigurationImportFilter {

    private static final Set<String> LEFT_OUT = Set.of(
            "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration",
            "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerOAuth2ResourceServerAutoConfiguration");

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            // An earlier filter's refusals are null here.
            String candidate = autoConfigurationClasses[i];
            match[i] = candidate == null || !LEFT_OUT.contains(candidate);
        }
        return match;
    }
}
