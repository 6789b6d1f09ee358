package com.example.likes.platform.grpc;

/**
 * Where each of the platform's global server interceptors sits, as the {@code @Order} of its bean: a lower number
 * sees the call first. A service that adds an interceptor of its own picks a number between these, and answers a
 * call it rejects with {@code call.close(status, trailers)} rather than by throwing.
 *
 * <pre>
 *   first  Spring gRPC's exception handler, for what an interceptor before 150 throws
 *   0      observation (Spring gRPC): timer per method, span, trace context and baggage from the metadata
 *   100    call lifecycle: started/finished/failed events and the one log line per call
 *   150    {@link ServiceExceptionInterceptor}: what the interceptors below and the service throw, to a status via
 *          {@link StatusMapping}
 *   200    authentication (Spring gRPC's security): API key and client certificate to caller, method grants
 *   300    rate limit: per caller and method
 *   400    admission: the service's adaptive concurrency limit ({@code admission/})
 * </pre>
 */
public final class GrpcInterceptorOrder {

    /** Publishes the call's lifecycle events and logs it; sees every outcome, rejections included. */
    public static final int CALL_LIFECYCLE = 100;

    /**
     * Maps what the interceptors after it and the service throw to a status, inside the call lifecycle, which so
     * learns the status of every call.
     */
    public static final int EXCEPTIONS = 150;

    /** Rejects calls without valid credentials, and callers that may not use the method. */
    public static final int AUTHENTICATION = 200;

    /** Rejects calls over the caller's limit for the method; runs after authentication, which names the caller. */
    public static final int RATE_LIMIT = 300;

    /**
     * Refuses calls beyond what the service can serve now; after the rate limit, so that a caller over its own limit
     * is told so and takes no share of the service's capacity.
     */
    public static final int ADMISSION = 400;

    private GrpcInterceptorOrder() {}
}
