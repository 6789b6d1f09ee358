package com.example.likes.product.replica;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The replica of one of the dashboard's products, or the tombstone of a deleted one.
 *
 * <p>Read-only here: {@link ProductRepository} only reads, and rows change only through the version-guarded
 * statements of {@link ReplicaWriter}, so that concurrent and out-of-order deliveries cannot overwrite each other.
 *
 * @param title {@code null} in a tombstone
 * @param image the link to the product's image; empty when it has none
 */
@Table("product")
public record Product(
        @Id UUID id, String title, String image, Instant createdAt, Instant updatedAt, long version, boolean deleted) {}
