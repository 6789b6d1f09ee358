package com.example.likes.platform.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.springframework.grpc.server.exception.CompositeGrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;

/**
 * Maps what a service throws to a status right around the service, innermost of all interceptors.
 *
 * <p>Spring gRPC maps exceptions in its outermost interceptor, which answers the call underneath every other one:
 * the observation (metrics and span), the call log and the lifecycle events would never learn the status of a call
 * that failed with an exception. Here the answer travels out through all of them. Spring's outermost handler stays
 * in place for what an interceptor itself throws (the platform's interceptors answer with a status instead).
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
