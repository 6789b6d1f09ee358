package com.example.likes.platform.grpc.call;

import com.example.likes.platform.grpc.auth.GrpcCallers;
import com.example.likes.platform.observability.Correlation;
import com.google.protobuf.MessageLite;
import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.tracing.Tracer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes {@link GrpcCallStarted} when a call arrives and {@link GrpcCallFinished} or {@link GrpcCallFailed} once
 * it ended, exactly once per call: answered by the service, rejected by a later interceptor, or cancelled by the
 * client. It sits inside the observation interceptor, so the events carry the call's trace id.
 */
class GrpcCallLifecycleInterceptor implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GrpcCallLifecycleInterceptor.class);

    private final ApplicationEventPublisher events;
    private final @Nullable GrpcCallers callers;
    private final @Nullable Tracer tracer;

    GrpcCallLifecycleInterceptor(
            ApplicationEventPublisher events, @Nullable GrpcCallers callers, @Nullable Tracer tracer) {
        this.events = events;
        this.callers = callers;
        this.tracer = tracer;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        GrpcCall info = new GrpcCall(
                method.getServiceName(),
                method.getBareMethodName(),
                callers == null
                        ? "-"
                        : callers.callerOf(headers, call.getAttributes(), method)
                                .orElse("-"),
                peer(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)),
                Correlation.traceId(tracer),
                Correlation.requestId(tracer));
        publish(new GrpcCallStarted(info));
        ObservedCall<Q, R> observed = new ObservedCall<>(call, info);
        return new ObservedListener<>(next.startCall(observed, headers), observed);
    }

    private void publish(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            // A listener's failure is the listener's problem, never the caller's.
            log.warn("a listener of {} failed", event.getClass().getSimpleName(), e);
        }
    }

    private static String peer(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return address == null ? "-" : address.toString();
    }

    private static long sizeOf(Object message) {
        return message instanceof MessageLite proto ? proto.getSerializedSize() : 0;
    }

    private final class ObservedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final GrpcCall info;
        private final long startNanos = System.nanoTime();
        private final AtomicLong requestBytes = new AtomicLong();
        private final AtomicLong responseBytes = new AtomicLong();
        private final AtomicBoolean ended = new AtomicBoolean();

        ObservedCall(ServerCall<Q, R> call, GrpcCall info) {
            super(call);
            this.info = info;
        }

        void received(Q message) {
            requestBytes.addAndGet(sizeOf(message));
        }

        @Override
        public void sendMessage(R message) {
            responseBytes.addAndGet(sizeOf(message));
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            // An answer to a call the client already gave up on never reaches it: record what the client saw.
            boolean cancelled = isCancelled();
            try {
                super.close(status, trailers);
            } finally {
                ended(cancelled ? cancellation() : status);
            }
        }

        void cancelled() {
            ended(cancellation());
        }

        // The client gave up, or its deadline passed, before the service answered.
        private static Status cancellation() {
            Context context = Context.current();
            boolean deadlinePassed =
                    context.getDeadline() != null && context.getDeadline().isExpired();
            return deadlinePassed
                    ? Status.DEADLINE_EXCEEDED.withDescription("deadline passed before the answer")
                    : Status.CANCELLED.withDescription("cancelled by the client");
        }

        private void ended(Status status) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            if (status.isOk()) {
                publish(new GrpcCallFinished(info, duration, requestBytes.get(), responseBytes.get()));
            } else {
                publish(new GrpcCallFailed(
                        info,
                        status.getCode(),
                        status.getDescription(),
                        duration,
                        requestBytes.get(),
                        responseBytes.get()));
            }
        }
    }

    private static final class ObservedListener<Q, R>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final ObservedCall<Q, R> call;

        ObservedListener(ServerCall.Listener<Q> listener, ObservedCall<Q, R> call) {
            super(listener);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            call.received(message);
            super.onMessage(message);
        }

        @Override
        public void onCancel() {
            call.cancelled();
            super.onCancel();
        }
    }
}
