package com.example.likes.dashboard.product;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a product that product-service must learn. {@link ProductService} publishes one inside the
 * transaction that makes the change; replication ({@code replication/}) records it in that same transaction
 * and delivers it once the transaction has committed.
 */
public sealed interface ProductEvent {

    /**
     * The highest version a change may carry (2^53 - 1), as {@code product.v1} documents it and product-service
     * enforces it. A version grows by one per edit, so no dashboard reaches it, and it stays exact in every JSON
     * client (JavaScript's safe integers).
     */
    long MAX_VERSION = (1L << 53) - 1;

    /** The id of the product that changed. */
    UUID productId();

    /** The product's version after the change; product-service applies a change only if it is newer. */
    long version();

    /** The product was created. */
    record Created(Snapshot product) implements ProductEvent {

        @Override
        public UUID productId() {
            return product.id();
        }

        @Override
        public long version() {
            return product.version();
        }
    }

    /**
     * The product was edited, or its current state is announced again (see {@link ProductService#republish}).
     *
     * @param replacesVersion 0, or the version a replica ahead of the dashboard holds, which this state replaces
     */
    record Updated(Snapshot product, long replacesVersion) implements ProductEvent {

        Updated(Snapshot product) {
            this(product, 0);
        }

        @Override
        public UUID productId() {
            return product.id();
        }

        @Override
        public long version() {
            return product.version();
        }
    }

    /**
     * @param version the product's last version plus one, so that the deletion is newer than any edit
     * @param replacesVersion 0, or the version a replica ahead of the dashboard holds, which this deletion replaces
     */
    record Deleted(UUID productId, long version, long replacesVersion) implements ProductEvent {

        public Deleted(UUID productId, long version) {
            this(productId, version, 0);
        }
    }

    /** The replicated fields of a product as the transaction left them. */
    record Snapshot(UUID id, String title, String image, Instant createdAt, Instant updatedAt, long version) {

        static Snapshot from(Product product) {
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
