package com.example.likes.platform.grpc.auth;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/** Sends an API key in the {@code x-api-key} metadata header of every call. */
public final class ApiKeyClientInterceptor implements ClientInterceptor {

    private final String key;

    public ApiKeyClientInterceptor(String key) {
        this.key = key;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> responseListener, Metadata headers) {
                headers.put(ApiKeys.HEADER, key);
                super.start(responseListener, headers);
            }
        };
    }

    @Override
    public String toString() {
        return "ApiKeyClientInterceptor[key hidden]";
    }
}
