package com.example.likes.platform.grpc.call;

import io.grpc.Status;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A gRPC call that ended with any status but {@code OK}: rejected (no key, rate limit), failed in the service, or
 * cancelled by the client. Published as a Spring application event.
 *
 * @param code the status the call ended with
 * @param description the status description the caller saw, or {@code null}
 * @param duration from the call's arrival to its end
 * @param requestBytes the serialized size of the messages received
 * @param responseBytes the serialized size of the messages sent
 */
public record GrpcCallFailed(
        GrpcCall call,
        Status.Code code,
        @Nullable String description,
        Duration duration,
        long requestBytes,
        long responseBytes) {}
