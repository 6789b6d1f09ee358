package com.example.likes.product.product;

import java.time.Instant;
import java.util.UUID;

/**
 * A product's state as the dashboard committed it at {@code version}.
 *
 * @param image the link to the product's image; empty when it has none, as on the dashboard
 */
record ProductSnapshot(UUID id, String title, String image, Instant createdAt, Instant updatedAt, long version) {}
