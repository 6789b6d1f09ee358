package com.example.likes.platform.grpc.auth;

import com.example.likes.platform.error.PermissionDeniedException;
import com.example.likes.platform.error.UnauthenticatedException;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import java.util.Optional;

/**
 * Lets a call through only with a known key in {@code x-api-key}, and only to a method its caller may use:
 * {@code UNAUTHENTICATED} without a key or with an unknown one, {@code PERMISSION_DENIED} for a forbidden method.
 * The public services (health, reflection) need no key. The caller's name is then in {@link GrpcCaller}.
 */
class ApiKeyServerInterceptor implements ServerInterceptor {

    private final ApiKeys keys;
    private final MethodPermissions permissions;
    private final PlatformGrpcServerProperties server;

    ApiKeyServerInterceptor(ApiKeys keys, MethodPermissions permissions, PlatformGrpcServerProperties server) {
        this.keys = keys;
        this.permissions = permissions;
        this.server = server;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (server.isPublic(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Optional<String> caller = keys.callerOf(headers);
        if (caller.isEmpty()) {
            String problem = headers.containsKey(ApiKeys.HEADER)
                    ? "the API key in x-api-key is not valid"
                    : "an API key is required in the x-api-key metadata header";
            return reject(call, new UnauthenticatedException(problem));
        }
        String method = call.getMethodDescriptor().getFullMethodName();
        if (!permissions.allows(caller.get(), method)) {
            return reject(call, new PermissionDeniedException("%s may not call %s".formatted(caller.get(), method)));
        }
        return Contexts.interceptCall(Context.current().withValue(GrpcCaller.KEY, caller.get()), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, RuntimeException failure) {
        StatusException answer = StatusMapping.toStatusException(failure);
        Metadata trailers = answer.getTrailers();
        call.close(answer.getStatus(), trailers == null ? new Metadata() : trailers);
        return new ServerCall.Listener<>() {};
    }
}
