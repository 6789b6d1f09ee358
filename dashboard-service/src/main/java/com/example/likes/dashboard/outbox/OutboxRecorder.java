package com.example.likes.dashboard.outbox;

import com.example.likes.dashboard.product.ProductChange;
import com.example.likes.dashboard.product.ProductChange.Snapshot;
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
 * Writes every {@link ProductChange} into the outbox, in the transaction that makes the change: the change and the
 * event that announces it commit together or not at all. Once that transaction has committed, it hands the event
 * to the relay for immediate delivery.
 */
class OutboxRecorder {

    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final ReplicationProperties properties;
    private final OutboxMetrics metrics;

    OutboxRecorder(
            OutboxRepository outbox, OutboxRelay relay, ReplicationProperties properties, OutboxMetrics metrics) {
        this.outbox = outbox;
        this.relay = relay;
        this.properties = properties;
        this.metrics = metrics;
    }

    // MANDATORY: an event recorded outside the change's transaction could outlive a rolled-back change.
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void record(ProductChange change) {
        UUID id = UUID.randomUUID();
        OutboxEvent.Change kind = kindOf(change);
        outbox.add(kind, change.productId(), change.version(), payloadOf(change).toByteArray(), id, properties.lease());
        metrics.recorded(kind);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.deliverSoon(id);
            }
        });
    }

    private static OutboxEvent.Change kindOf(ProductChange change) {
        return switch (change) {
            case ProductChange.Created created -> OutboxEvent.Change.CREATE;
            case ProductChange.Updated updated -> OutboxEvent.Change.UPDATE;
            case ProductChange.Deleted deleted -> OutboxEvent.Change.DELETE;
        };
    }

    private static MessageLite payloadOf(ProductChange change) {
        return switch (change) {
            case ProductChange.Created created ->
                CreateProductFromReceiverRequest.newBuilder()
                        .setProduct(stateOf(created.product()))
                        .build();
            case ProductChange.Updated updated ->
                UpdateProductFromReceiverRequest.newBuilder()
                        .setProduct(stateOf(updated.product()))
                        .setReplacesVersion(updated.replacesVersion())
                        .build();
            case ProductChange.Deleted deleted ->
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
