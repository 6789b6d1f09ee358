package com.example.likes.platform.grpc.auth;

import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;
import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.grpc.server.security.SslContextPreAuthenticationExtractor;
import org.springframework.security.core.Authentication;

/**
 * Reads what a gRPC call presents: the {@code x-api-key} header, and the client certificate of its connection
 * through Spring gRPC's {@link SslContextPreAuthenticationExtractor}. Calls to the public services (health,
 * reflection) present nothing, so they are never authenticated and anyone may make them.
 */
final class CallerCredentialsExtractor implements GrpcAuthenticationExtractor {

    // The certificate is all that is taken from it; CallerAuthenticationProvider reads the names.
    private final GrpcAuthenticationExtractor certificates = new SslContextPreAuthenticationExtractor(
            certificate -> certificate.getSubjectX500Principal().getName());
    private final PlatformGrpcServerProperties server;

    CallerCredentialsExtractor(PlatformGrpcServerProperties server) {
        this.server = server;
    }

    @Override
    public @Nullable Authentication extract(Metadata headers, Attributes attributes, MethodDescriptor<?, ?> method) {
        if (server.isPublic(method.getServiceName())) {
            return null;
        }
        Authentication client = certificates.extract(headers, attributes, method);
        X509Certificate certificate =
                client != null && client.getCredentials() instanceof X509Certificate presented ? presented : null;
        return CallerAuthentication.presented(headers.get(ApiKeys.HEADER), certificate);
    }
}
