package com.example.likes.dashboard.product;

import com.example.likes.dashboard.grpc.ProtoTimestamps;
import com.example.likes.dashboard.product.ProductChange.Snapshot;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc.ProductReceiverServiceStub;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes every committed product change to product-service ({@code product.v1.ProductReceiverService}).
 *
 * <p>A change is sent only after its transaction has committed, so product-service never learns of a change
 * that was rolled back. The call is asynchronous: the user's request does not wait for product-service, and a
 * failed call is logged, not retried. Each message carries the product's version, so product-service applies
 * changes in order whatever order they arrive in. This best-effort delivery is the one thing to replace with a
 * durable outbox; nothing else knows how changes travel.
 */
class ProductReplicator {

    private static final Logger log = LoggerFactory.getLogger(ProductReplicator.class);

    private final ProductReceiverServiceStub receiver;
    private final Duration deadline;

    /**
     * @param channel a channel to product-service that the caller owns and closes
     * @param deadline how long each call may take
     */
    ProductReplicator(Channel channel, Duration deadline) {
        this.receiver = ProductReceiverServiceGrpc.newStub(channel);
        this.deadline = deadline;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void replicate(ProductChange change) {
        switch (change) {
            case ProductChange.Created created ->
                stub().createProductFromReceiver(
                                CreateProductFromReceiverRequest.newBuilder()
                                        .setProduct(toState(created.product()))
                                        .build(),
                                new LoggingObserver<>(
                                        "create", created.product().id()));
            case ProductChange.Updated updated ->
                stub().updateProductFromReceiver(
                                UpdateProductFromReceiverRequest.newBuilder()
                                        .setProduct(toState(updated.product()))
                                        .build(),
                                new LoggingObserver<>(
                                        "update", updated.product().id()));
            case ProductChange.Deleted deleted ->
                stub().deleteProductFromReceiver(
                                DeleteProductFromReceiverRequest.newBuilder()
                                        .setId(deleted.id().toString())
                                        .setVersion(deleted.version())
                                        .build(),
                                new LoggingObserver<>("delete", deleted.id()));
        }
    }

    // A deadline counts from when it is set, so every call gets a fresh one.
    private ProductReceiverServiceStub stub() {
        return receiver.withDeadlineAfter(deadline);
    }

    private static ProductState toState(Snapshot product) {
        return ProductState.newBuilder()
                .setId(product.id().toString())
                .setTitle(product.title())
                .setImage(product.image())
                .setCreateTime(ProtoTimestamps.of(product.createdAt()))
                .setUpdateTime(ProtoTimestamps.of(product.updatedAt()))
                .setVersion(product.version())
                .build();
    }

    private record LoggingObserver<T>(String change, UUID productId) implements StreamObserver<T> {

        @Override
        public void onNext(T response) {
            log.debug("product {} {} sent to product-service", productId, change);
        }

        @Override
        public void onError(Throwable failure) {
            log.warn(
                    "product {} {} not sent to product-service: {}",
                    productId,
                    change,
                    Status.fromThrowable(failure).getCode());
        }

        @Override
        public void onCompleted() {}
    }
}
