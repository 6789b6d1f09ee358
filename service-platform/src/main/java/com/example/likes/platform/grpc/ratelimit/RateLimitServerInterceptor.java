package com.example.likes.platform.grpc.ratelimit;

import com.example.likes.platform.error.RateLimitedException;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Answers a call over its caller's limit for the method with {@code RESOURCE_EXHAUSTED} and a
 * {@code google.rpc.RetryInfo} that says when to try again. Runs after authentication, which names the caller in
 * Spring Security's context; without keys every caller is {@code anonymous}. Public services (health, reflection)
 * are never limited.
 */
class RateLimitServerInterceptor implements ServerInterceptor {

    static final String ANONYMOUS = "anonymous";

    private final RateLimits limits;
    private final PlatformGrpcServerProperties server;

    RateLimitServerInterceptor(RateLimits limits, PlatformGrpcServerProperties server) {
        this.limits = limits;
        this.server = server;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (server.isPublic(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Authentication authenticated = SecurityContextHolder.getContext().getAuthentication();
        String caller = authenticated == null ? ANONYMOUS : authenticated.getName();
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<Duration> wait = limits.tryAcquire(caller, method);
        if (wait.isEmpty()) {
            return next.startCall(call, headers);
        }
        StatusException answer = StatusMapping.toStatusException(
                new RateLimitedException("rate limit of %s for %s reached".formatted(caller, method), wait.get()));
        Metadata trailers = answer.getTrailers();
        call.close(answer.getStatus(), trailers == null ? new Metadata() : trailers);
        return new ServerCall.Listener<>() {};
    }
}
