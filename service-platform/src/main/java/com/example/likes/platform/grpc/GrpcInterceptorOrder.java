package com.example.likes.platform.grpc;

/**
 * Where each of the platform's global server interceptors sits, as the {@code @Order} of its bean: a lower number
 * sees the call first. A service that adds an interceptor of its own picks a number between these, and answers a
 * call it rejects with {@code call.close(status, trailers)} rather than by throwing.
 *
 * <pre>
 *   first  Spring gRPC's exception handler, for what an interceptor throws
 *   0      observation (Spring gRPC): timer per method, span, trace context and baggage from the metadata
 *   100    call lifecycle: started/finished/failed events and the one log line per call
 *   200    authentication: x-api-key to caller, method permissions
 *   300    rate limit: per caller and method
 *   last   {@link ServiceExceptionInterceptor}: what the service throws, to a status via {@link StatusMapping}
 * </pre>
 */
public final class GrpcInterceptorOrder {

    /** Publishes the call's lifecycle events and logs it; sees every outcome, rejections included. */
    public static final int CALL_LIFECYCLE = 100;

    /** Rejects calls without a valid API key, and callers that may not use the method. */
    public static final int AUTHENTICATION = 200;

    /** Rejects calls over the caller's limit for the method; runs after authentication, which names the caller. */
    public static final int RATE_LIMIT = 300;

    private GrpcInterceptorOrder() {}
}
