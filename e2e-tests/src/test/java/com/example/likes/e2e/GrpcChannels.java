package com.example.likes.e2e;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * Plaintext channels to the services' gRPC ports, one connection per service and test class, closed after it. The
 * dashboard is called as product-service calls it, and product-service as the dashboard does, each with its key.
 */
final class GrpcChannels implements AutoCloseable {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel dashboardConnection;
    private final ManagedChannel productConnection;

    /** The dashboard, with product-service's key. */
    final Channel dashboard;

    /** product-service, with the dashboard's key. */
    final Channel product;

    GrpcChannels(SystemUnderTest system) {
        dashboardConnection = ManagedChannelBuilder.forTarget(system.dashboardGrpc())
                .usePlaintext()
                .build();
        productConnection = ManagedChannelBuilder.forTarget(system.productGrpc())
                .usePlaintext()
                .build();
        dashboard = withKey(dashboardConnection, system.grpcKeys().of("product-service", "dashboard-service"));
        product = withKey(productConnection, system.grpcKeys().of("dashboard-service", "product-service"));
    }

    /** The dashboard, with {@code key} in {@code x-api-key}. */
    Channel dashboardWithKey(String key) {
        return withKey(dashboardConnection, key);
    }

    /** The dashboard, without a key. */
    Channel dashboardWithoutKey() {
        return dashboardConnection;
    }

    /** product-service, without a key. */
    Channel productWithoutKey() {
        return productConnection;
    }

    private static Channel withKey(ManagedChannel connection, String key) {
        Metadata headers = new Metadata();
        headers.put(API_KEY, key);
        return ClientInterceptors.intercept(connection, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void close() throws InterruptedException {
        dashboardConnection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        productConnection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
