package com.example.likes.platform.grpc.call;

import com.example.likes.platform.observability.Correlation;
import com.google.protobuf.MessageLite;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.tracing.Tracer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The request log's other half: one line per gRPC call this service makes, in the same {@code key=value} form as
 * {@link GrpcCallLog}, with the trace and request id of the work that made it. So a user's request shows in the
 * log of the service it reached, with every call that service made on its behalf.
 */
class GrpcClientCallLog implements ClientInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GrpcCallLog.LOGGER);

    private final @Nullable Tracer tracer;

    GrpcClientCallLog(@Nullable Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        // Read here, on the caller's thread, where its span and baggage are current.
        String traceId = Objects.requireNonNullElse(Correlation.traceId(tracer), "-");
        String requestId = Objects.requireNonNullElse(Correlation.requestId(tracer), "-");
        String target = next.authority();
        long startNanos = System.nanoTime();
        AtomicLong requestBytes = new AtomicLong();
        AtomicLong responseBytes = new AtomicLong();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onMessage(R message) {
                                responseBytes.addAndGet(sizeOf(message));
                                super.onMessage(message);
                            }

                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                write(
                                        method,
                                        target,
                                        status,
                                        startNanos,
                                        requestBytes,
                                        responseBytes,
                                        traceId,
                                        requestId);
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
            }

            @Override
            public void sendMessage(Q message) {
                requestBytes.addAndGet(sizeOf(message));
                super.sendMessage(message);
            }
        };
    }

    private static void write(
            MethodDescriptor<?, ?> method,
            String target,
            Status status,
            long startNanos,
            AtomicLong requestBytes,
            AtomicLong responseBytes,
            String traceId,
            String requestId) {
        Level level = GrpcCallLog.SERVER_FAULTS.contains(status.getCode()) ? Level.WARN : Level.INFO;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        log.atLevel(level)
                .addKeyValue("grpc.service", method.getServiceName())
                .addKeyValue("grpc.method", method.getBareMethodName())
                .addKeyValue("grpc.target", target)
                .addKeyValue("grpc.code", status.getCode().name())
                .addKeyValue("grpc.duration_ms", millis)
                .addKeyValue("grpc.request_bytes", requestBytes.get())
                .addKeyValue("grpc.response_bytes", responseBytes.get())
                .addKeyValue("trace_id", traceId)
                .addKeyValue("request_id", requestId)
                .log(
                        "grpc client call service={} method={} target={} code={} duration_ms={} request_bytes={}"
                                + " response_bytes={} trace_id={} request_id={}",
                        method.getServiceName(),
                        method.getBareMethodName(),
                        target,
                        status.getCode(),
                        millis,
                        requestBytes.get(),
                        responseBytes.get(),
                        traceId,
                        requestId);
    }

    private static long sizeOf(Object message) {
        return message instanceof MessageLite proto ? proto.getSerializedSize() : 0;
    }
}
