package com.example.likes.platform.grpc.auth;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Optional;
import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Who calls this gRPC server: what a call presents ({@link CallerCredentialsExtractor}) and Spring Security's check
 * of it ({@link CallerAuthenticationProvider}). Spring gRPC's security interceptor uses both for every call; the call
 * log asks {@link #callerOf} too, because it sees every call, the refused ones included, before that interceptor
 * runs.
 */
public final class GrpcCallers {

    private final GrpcAuthenticationExtractor credentials;
    private final AuthenticationManager authentication;

    GrpcCallers(GrpcAuthenticationExtractor credentials, AuthenticationManager authentication) {
        this.credentials = credentials;
        this.authentication = authentication;
    }

    /** The caller that a call's credentials name, or empty when they name none (missing, unknown, or mismatched). */
    public Optional<String> callerOf(Metadata headers, Attributes attributes, MethodDescriptor<?, ?> method) {
        Authentication presented = credentials.extract(headers, attributes, method);
        if (presented == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(authentication.authenticate(presented).getName());
        } catch (AuthenticationException refused) {
            return Optional.empty();
        }
    }

    GrpcAuthenticationExtractor credentials() {
        return credentials;
    }

    AuthenticationManager authentication() {
        return authentication;
    }
}
