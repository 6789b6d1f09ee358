package com.example.likes.dashboard.product;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a product that product-service must learn. {@link ProductService} publishes one inside the
 * transaction that makes the change; {@link ProductReplicator} sends it once that transaction has committed.
 */
sealed interface ProductChange {

    record Created(Snapshot product) implements ProductChange {}

    record Updated(Snapshot product) implements ProductChange {}

    /** @param version the product's last version plus one, so that the deletion is newer than any edit */
    record Deleted(UUID id, long version) implements ProductChange {}

    /** The replicated fields of a product as the transaction left them. */
    record Snapshot(UUID id, String title, String image, Instant createdAt, Instant updatedAt, long version) {

        static Snapshot of(Product product) {
            return new Snapshot(
                    product.id(),
                    product.title(),
                    product.image(),
                    product.createdAt(),
                    product.updatedAt(),
                    product.version());
        }
    }
}
