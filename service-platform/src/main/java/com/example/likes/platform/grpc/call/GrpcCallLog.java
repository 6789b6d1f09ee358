package com.example.likes.platform.grpc.call;

import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The request log: one line per gRPC call this server answered, written as a listener of the call's lifecycle
 * events. The message is {@code key=value} pairs, readable in plain text; the same pairs are SLF4J key-values, which
 * become fields of their own in the JSON formats ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}). Health and
 * reflection calls are logged at debug level only, so that probes do not fill the log. Keys are never logged, only
 * the callers they name.
 */
class GrpcCallLog {

    /** The logger of the request log, so that it can be filtered or silenced on its own. */
    static final String LOGGER = "com.example.likes.platform.grpc.calls";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    // Codes that say the server, not the caller, has a problem.
    static final Set<Status.Code> SERVER_FAULTS = Set.of(
            Status.Code.INTERNAL,
            Status.Code.UNKNOWN,
            Status.Code.DATA_LOSS,
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED);

    private final PlatformGrpcServerProperties server;

    GrpcCallLog(PlatformGrpcServerProperties server) {
        this.server = server;
    }

    // First among the listeners, so that a failing listener of a service cannot keep a call out of the log.
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void finished(GrpcCallFinished event) {
        write(event.call(), Status.Code.OK, event.duration(), event.requestBytes(), event.responseBytes());
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void failed(GrpcCallFailed event) {
        write(event.call(), event.code(), event.duration(), event.requestBytes(), event.responseBytes());
    }

    private void write(GrpcCall call, Status.Code code, Duration duration, long requestBytes, long responseBytes) {
        Level level =
                server.isPublic(call.service()) ? Level.DEBUG : SERVER_FAULTS.contains(code) ? Level.WARN : Level.INFO;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        long millis = duration.toMillis();
        log.atLevel(level)
                .addKeyValue("grpc.service", call.service())
                .addKeyValue("grpc.method", call.method())
                .addKeyValue("grpc.caller", call.caller())
                .addKeyValue("grpc.code", code.name())
                .addKeyValue("grpc.duration_ms", millis)
                .addKeyValue("grpc.request_bytes", requestBytes)
                .addKeyValue("grpc.response_bytes", responseBytes)
                .addKeyValue("grpc.peer", call.peer())
                .addKeyValue("trace_id", orDash(call.traceId()))
                .addKeyValue("request_id", orDash(call.requestId()))
                .log(
                        "grpc call service={} method={} caller={} code={} duration_ms={} request_bytes={}"
                                + " response_bytes={} peer={} trace_id={} request_id={}",
                        call.service(),
                        call.method(),
                        call.caller(),
                        code,
                        millis,
                        requestBytes,
                        responseBytes,
                        call.peer(),
                        orDash(call.traceId()),
                        orDash(call.requestId()));
    }

    private static String orDash(@Nullable String value) {
        return Objects.requireNonNullElse(value, "-");
    }
}
