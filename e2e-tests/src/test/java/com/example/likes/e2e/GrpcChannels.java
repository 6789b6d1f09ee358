package com.example.likes.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Plaintext channels to the services' gRPC ports, one per test class, closed after it. */
final class GrpcChannels implements AutoCloseable {

    final ManagedChannel dashboard;
    final ManagedChannel product;

    GrpcChannels(SystemUnderTest system) {
        dashboard = ManagedChannelBuilder.forTarget(system.dashboardGrpc())
                .usePlaintext()
                .build();
        product = ManagedChannelBuilder.forTarget(system.productGrpc())
                .usePlaintext()
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        dashboard.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        product.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
