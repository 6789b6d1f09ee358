package com.example.likes.dashboard.replication;

import com.example.likes.protos.product.v1.ApplyProductChangesRequest;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ListProductVersionsRequest;
import com.example.likes.protos.product.v1.ListProductVersionsResponse;
import com.example.likes.protos.product.v1.ProductChange;
import com.example.likes.protos.product.v1.ProductChangeResult;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc.ProductReceiverServiceBlockingStub;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;

/**
 * product-service's {@code product.v1.ProductReceiverService}, as the sender and reconciliation use it. Every call
 * carries a fresh deadline: the channel's for one change, {@code batchDeadline} for a batch. Failures are thrown as
 * the {@link io.grpc.StatusRuntimeException} they came as, for the caller to decide by their code. The channel is
 * the one the platform shares ({@code GrpcClients}); Spring shuts it down.
 */
public class ReplicationClient {

    /**
     * The most a batch call carries: half of the 64 KB product-service takes by default
     * ({@code PRODUCT_GRPC_MAX_MESSAGE_SIZE}), so that a batch fits with room to spare; a change is at most about 2 KB.
     */
    static final int MAX_BATCH_BYTES = 32 * 1024;

    private final ManagedChannel channel;
    private final ProductReceiverServiceBlockingStub products;
    private final Duration batchDeadline;

    ReplicationClient(ManagedChannel channel, Duration batchDeadline) {
        this.channel = channel;
        this.products = ProductReceiverServiceGrpc.newBlockingStub(channel);
        this.batchDeadline = batchDeadline;
    }

    /** Delivers one event; returns whether product-service applied it (false: it had it already). */
    boolean deliver(ReplicationEvent event) {
        ProductChange change = changeOf(event);
        return switch (event.change()) {
            case CREATE ->
                products.createProductFromReceiver(change.getCreate()).getApplied();
            case UPDATE ->
                products.updateProductFromReceiver(change.getUpdate()).getApplied();
            case DELETE ->
                products.deleteProductFromReceiver(change.getDelete()).getApplied();
        };
    }

    /**
     * Delivers several events in one call; returns, per event in the order given, whether product-service
     * applied it, or why it refused it as invalid.
     */
    List<ProductChangeResult> deliverAll(List<ReplicationEvent> events) {
        ApplyProductChangesRequest.Builder batch = ApplyProductChangesRequest.newBuilder();
        for (ReplicationEvent event : events) {
            batch.addChanges(changeOf(event));
        }
        List<ProductChangeResult> results = products.withDeadlineAfter(batchDeadline)
                .applyProductChanges(batch.build())
                .getResultsList();
        if (results.size() != events.size()) {
            throw new IllegalStateException(
                    "product-service answered %d results for %d changes".formatted(results.size(), events.size()));
        }
        return results;
    }

    /** What an event adds to a batch call: its payload, and the few bytes that frame it. */
    static int bytesInBatch(ReplicationEvent event) {
        return event.payload().length + 8;
    }

    private static ProductChange changeOf(ReplicationEvent event) {
        try {
            ProductChange.Builder change = ProductChange.newBuilder();
            switch (event.change()) {
                case CREATE -> change.setCreate(CreateProductFromReceiverRequest.parseFrom(event.payload()));
                case UPDATE -> change.setUpdate(UpdateProductFromReceiverRequest.parseFrom(event.payload()));
                case DELETE -> change.setDelete(DeleteProductFromReceiverRequest.parseFrom(event.payload()));
            }
            return change.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("replication event " + event.id() + " holds no valid " + event.change(), e);
        }
    }

    /** One page of the replica's product versions; an empty token asks for the first page. */
    public ListProductVersionsResponse versions(String pageToken, int pageSize) {
        return products.listProductVersions(ListProductVersionsRequest.newBuilder()
                .setPageToken(pageToken)
                .setPageSize(pageSize)
                .build());
    }

    /**
     * Makes a channel that gave up connecting try again now. After product-service was down for a while, gRPC waits
     * up to two minutes between connection attempts; the sender's own retry schedule decides when to try instead.
     */
    void reconnectIfDisconnected() {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff();
        }
    }
}
