package com.example.likes.product.replica;

import java.time.Instant;
import java.util.UUID;

/**
 * A product's state as the dashboard committed it at {@code version}.
 *
 * @param image the link to the product's image; empty when it has none, as on the dashboard
 * @param replacesVersion 0, or the version a replica ahead of the dashboard holds, which this state replaces
 */
public record ProductSnapshot(
        UUID id, String title, String image, Instant createdAt, Instant updatedAt, long version, long replacesVersion)
        implements ReplicaChange {}
