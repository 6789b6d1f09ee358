package com.example.likes.dashboard.replication;

import com.example.likes.dashboard.product.ProductEvent;
import com.example.likes.dashboard.product.ProductEvent.Snapshot;
import com.example.likes.dashboard.system.ProtoTimestamps;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.google.protobuf.MessageLite;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes every {@link ProductEvent} into the outbox table, in the transaction that makes the change: the change and the
 * event that announces it commit together or not at all. Once that transaction has committed, it hands the event
 * to the sender for immediate delivery.
 */
class ReplicationRecorder {

    private final ReplicationRepository events;
    private final ReplicationSender sender;
    private final ReplicationProperties properties;
    private final ReplicationMetrics metrics;

    ReplicationRecorder(
            ReplicationRepository events,
            ReplicationSender sender,
            ReplicationProperties properties,
            ReplicationMetrics metrics) {
        this.events = events;
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
    }

    // MANDATORY: an event recorded outside the change's transaction could outlive a rolled-back change.
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void record(ProductEvent change) {
        UUID id = UUID.randomUUID();
        ReplicationEvent.Change kind = kindOf(change);
        events.add(kind, change.productId(), change.version(), payloadOf(change).toByteArray(), id, properties.lease());
        metrics.recorded(kind);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sender.deliverSoon(id);
            }
        });
    }

    private static ReplicationEvent.Change kindOf(ProductEvent change) {
        return switch (change) {
            case ProductEvent.Created created -> ReplicationEvent.Change.CREATE;
            case ProductEvent.Updated updated -> ReplicationEvent.Change.UPDATE;
            case ProductEvent.Deleted deleted -> ReplicationEvent.Change.DELETE;
        };
    }

    private static MessageLite payloadOf(ProductEvent change) {
        return switch (change) {
            case ProductEvent.Created created ->
                CreateProductFromReceiverRequest.newBuilder()
                        .setProduct(stateOf(created.product()))
                        .build();
            case ProductEvent.Updated updated ->
                UpdateProductFromReceiverRequest.newBuilder()
                        .setProduct(stateOf(updated.product()))
                        .setReplacesVersion(updated.replacesVersion())
                        .build();
            case ProductEvent.Deleted deleted ->
                DeleteProductFromReceiverRequest.newBuilder()
                        .setId(deleted.productId().toString())
                        .setVersion(deleted.version())
                        .setReplacesVersion(deleted.replacesVersion())
                        .build();
        };
    }

    private static ProductState stateOf(Snapshot product) {
        return ProductState.newBuilder()
                .setId(product.id().toString())
                .setTitle(product.title())
                .setImage(product.image())
                .setCreateTime(ProtoTimestamps.of(product.createdAt()))
                .setUpdateTime(ProtoTimestamps.of(product.updatedAt()))
                .setVersion(product.version())
                .build();
    }
}
