package com.example.likes.platform.grpc.auth;

import io.grpc.Context;
import java.util.Optional;

/**
 * Who is calling: the caller named by the API key of the gRPC call being served, for the service's own code
 * (which runs inside the call's {@link Context}) and for the interceptors after authentication.
 */
public final class GrpcCaller {

    static final Context.Key<String> KEY = Context.key("platform-grpc-caller");

    private GrpcCaller() {}

    /** The caller of the gRPC call this thread serves; empty outside a call or when keys are not checked. */
    public static Optional<String> current() {
        return Optional.ofNullable(KEY.get());
    }
}
