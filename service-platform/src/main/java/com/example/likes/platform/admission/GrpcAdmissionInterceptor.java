package com.example.likes.platform.admission;

import com.example.likes.platform.error.OverloadedException;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import com.netflix.concurrency.limits.Limiter;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission control on the gRPC server: a call beyond the adaptive limit is answered {@code UNAVAILABLE} at once,
 * with a {@code google.rpc.RetryInfo} that says when to try again. Health and reflection are never limited.
 *
 * <p>The refusal also carries {@code grpc-retry-pushback-ms: -1}, which tells a client's gRPC retry policy not to
 * send the call again by itself: retrying a refusal for overload within the same deadline only adds load. The caller
 * gets the refusal and its delay instead, and decides.
 *
 * <p>Written against concurrency-limits' core because its gRPC module is not published at any version Maven Central
 * serves (decision 40). A call's slot is released when the call closes or is cancelled.
 */
final class GrpcAdmissionInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> RETRY_PUSHBACK =
            Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER);

    private final Limiter<ServerCall<?, ?>> limiter;
    private final PlatformGrpcServerProperties server;
    private final Duration retryAfter;

    GrpcAdmissionInterceptor(
            Limiter<ServerCall<?, ?>> limiter, PlatformGrpcServerProperties server, Duration retryAfter) {
        this.limiter = limiter;
        this.server = server;
        this.retryAfter = retryAfter;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (server.isPublic(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Optional<Limiter.Listener> admitted = limiter.acquire(call);
        if (admitted.isEmpty()) {
            StatusException answer = StatusMapping.toStatusException(
                    new OverloadedException("this service is at its capacity; try again shortly", retryAfter));
            Metadata trailers = answer.getTrailers() == null ? new Metadata() : answer.getTrailers();
            trailers.put(RETRY_PUSHBACK, "-1");
            call.close(answer.getStatus(), trailers);
            return new ServerCall.Listener<>() {};
        }
        Release release = new Release(admitted.get());
        ServerCall<Q, R> releasing = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    release.closed(status);
                }
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(releasing, headers);
        } catch (RuntimeException e) {
            release.ignored();
            throw e;
        }
        // What the service throws is answered by the exception interceptor, which sits before this one and closes
        // the call outside `releasing`: the slot goes back here, with the status that exception becomes.
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (RuntimeException e) {
                    release.closed(StatusMapping.toStatus(e));
                    throw e;
                }
            }

            @Override
            public void onHalfClose() {
                try {
                    super.onHalfClose();
                } catch (RuntimeException e) {
                    release.closed(StatusMapping.toStatus(e));
                    throw e;
                }
            }

            @Override
            public void onReady() {
                try {
                    super.onReady();
                } catch (RuntimeException e) {
                    release.closed(StatusMapping.toStatus(e));
                    throw e;
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    release.cancelled();
                }
            }

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    release.closed(Status.OK);
                }
            }
        };
    }

    /** Gives a call's slot back once, whichever of close, a thrown exception, cancel and completion comes first. */
    private static final class Release {

        private final Limiter.Listener slot;
        private final AtomicBoolean released = new AtomicBoolean();

        Release(Limiter.Listener slot) {
            this.slot = slot;
        }

        void closed(Status status) {
            if (released.compareAndSet(false, true)) {
                switch (status.getCode()) {
                    // The caller's deadline passed: the call took too long, a sign of queueing.
                    case DEADLINE_EXCEEDED, CANCELLED -> slot.onDropped();
                    // Refused by the caller's own rate limit or the service's checks: no measure of its work.
                    case RESOURCE_EXHAUSTED, UNAUTHENTICATED, PERMISSION_DENIED -> slot.onIgnore();
                    default -> slot.onSuccess();
                }
            }
        }

        void cancelled() {
            if (released.compareAndSet(false, true)) {
                slot.onDropped();
            }
        }

        void ignored() {
            if (released.compareAndSet(false, true)) {
                slot.onIgnore();
            }
        }
    }
}
