package com.example.likes.dashboard.outbox;

import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ListProductVersionsRequest;
import com.example.likes.protos.product.v1.ListProductVersionsResponse;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc.ProductReceiverServiceBlockingStub;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;

/**
 * product-service's {@code product.v1.ProductReceiverService}, as the relay and reconciliation use it. Every call
 * carries a fresh deadline; failures are thrown as the {@link io.grpc.StatusRuntimeException} they came as, for
 * the caller to decide by their code. The channel belongs to Spring, which shuts it down.
 */
public class ProductReceiverClient {

    private final ManagedChannel channel;
    private final ProductReceiverServiceBlockingStub receiver;
    private final Duration deadline;

    ProductReceiverClient(ManagedChannel channel, Duration deadline) {
        this.channel = channel;
        this.receiver = ProductReceiverServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /** Delivers one outbox event; returns whether product-service applied it (false: it had it already). */
    boolean deliver(OutboxEvent event) {
        try {
            return switch (event.change()) {
                case CREATE ->
                    stub().createProductFromReceiver(CreateProductFromReceiverRequest.parseFrom(event.payload()))
                            .getApplied();
                case UPDATE ->
                    stub().updateProductFromReceiver(UpdateProductFromReceiverRequest.parseFrom(event.payload()))
                            .getApplied();
                case DELETE ->
                    stub().deleteProductFromReceiver(DeleteProductFromReceiverRequest.parseFrom(event.payload()))
                            .getApplied();
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("outbox event " + event.id() + " holds no valid " + event.change(), e);
        }
    }

    /** One page of the replica's product versions; an empty token asks for the first page. */
    public ListProductVersionsResponse versions(String pageToken, int pageSize) {
        return stub().listProductVersions(ListProductVersionsRequest.newBuilder()
                .setPageToken(pageToken)
                .setPageSize(pageSize)
                .build());
    }

    /**
     * Makes a channel that gave up connecting try again now. After product-service was down for a while, gRPC waits
     * up to two minutes between connection attempts; the relay's own retry schedule decides when to try instead.
     */
    void reconnectIfDisconnected() {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff();
        }
    }

    // A deadline counts from when it is set, so every call gets a fresh one.
    private ProductReceiverServiceBlockingStub stub() {
        return receiver.withDeadlineAfter(deadline);
    }
}
