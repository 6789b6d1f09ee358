package com.example.likes.product.replica;

import java.time.Instant;
import java.util.UUID;

/** A product as REST shows it; {@code image} is empty when the product has none, as on the dashboard. */
record ProductResponse(UUID id, String title, String image, Instant createdAt, Instant updatedAt) {

    static ProductResponse from(Product product) {
        return new ProductResponse(
                product.id(), product.title(), product.image(), product.createdAt(), product.updatedAt());
    }
}
