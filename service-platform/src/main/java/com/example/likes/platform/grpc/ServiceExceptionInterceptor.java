package com.example.likes.platform.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.springframework.grpc.server.exception.CompositeGrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;

/**
 * Maps what a service, and the interceptors between it and this one, throw to a status just inside the call
 * lifecycle ({@link GrpcInterceptorOrder#EXCEPTIONS}): Spring gRPC's security refuses a call by throwing.
 *
 * <p>Spring gRPC maps exceptions in its outermost interceptor, which answers the call underneath every other one:
 * the observation (metrics and span), the call log and the lifecycle events would never learn the status of a call
 * that failed with an exception. Here the answer travels out through all of them. Spring's outermost handler stays
 * in place for what an interceptor before this one throws.
 */
class ServiceExceptionInterceptor implements ServerInterceptor {

    private final GrpcExceptionHandlerInterceptor delegate;

    ServiceExceptionInterceptor(GrpcExceptionHandler... handlers) {
        this.delegate = new GrpcExceptionHandlerInterceptor(new CompositeGrpcExceptionHandler(handlers));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return delegate.interceptCall(call, headers, next);
    }
}
