package com.example.likes.platform.grpc.call;

import org.jspecify.annotations.Nullable;

/**
 * One gRPC call a server received, as its lifecycle events and its log line describe it.
 *
 * @param service the full service name, for example {@code dashboard.v1.UserService}
 * @param method the method's name within the service, for example {@code GetUser}
 * @param caller who called, as authentication names it (its API key, and its client certificate with mutual TLS);
 *     {@code -} when the credentials are missing or name no caller
 * @param peer the client's address, {@code host:port}
 * @param traceId the trace the call belongs to, or {@code null} without tracing
 * @param requestId the id of the user request that led to the call, or {@code null} when it has none
 */
public record GrpcCall(
        String service,
        String method,
        String caller,
        String peer,
        @Nullable String traceId,
        @Nullable String requestId) {

    /** {@code package.Service/Method}, as gRPC names a method on the wire. */
    public String fullMethodName() {
        return service + "/" + method;
    }
}
