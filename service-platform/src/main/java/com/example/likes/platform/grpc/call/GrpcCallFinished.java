package com.example.likes.platform.grpc.call;

import java.time.Duration;

/**
 * A gRPC call this server answered with {@code OK}; published as a Spring application event.
 *
 * @param duration from the call's arrival to its answer
 * @param requestBytes the serialized size of the messages received
 * @param responseBytes the serialized size of the messages sent
 */
public record GrpcCallFinished(GrpcCall call, Duration duration, long requestBytes, long responseBytes) {}
