package com.example.likes.platform.observability;

import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What ties the log lines of one user request together across both services: the trace id of the current span,
 * and the request id, which travels as Micrometer Tracing baggage ({@code management.tracing.baggage.remote-fields})
 * from the REST edge through every gRPC call and appears in the logs' MDC
 * ({@code management.tracing.baggage.correlation.fields}).
 */
public final class Correlation {

    /** The HTTP header in which a client may send a request id, and in which every REST response echoes it. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** The request id's name as baggage, as a gRPC metadata key and as an MDC key. */
    public static final String REQUEST_ID = "x-request-id";

    // A request id goes into every log line: only short, plain ids are taken from callers.
    private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Correlation() {}

    /** The trace id of the current span, or {@code null} without tracing or outside a span. */
    public static @Nullable String traceId(@Nullable Tracer tracer) {
        Span span = tracer == null ? null : tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    /** The request id of the current request, or {@code null} when it has none. */
    public static @Nullable String requestId(@Nullable Tracer tracer) {
        Baggage baggage = tracer == null ? null : tracer.getBaggage(REQUEST_ID);
        return baggage == null ? null : baggage.get();
    }

    /** Whether a request id sent by a client is short and plain enough to be logged as it is. */
    public static boolean isValidRequestId(@Nullable String id) {
        return id != null && VALID_REQUEST_ID.matcher(id).matches();
    }
}
