package com.example.likes.dashboard.product;

import java.time.Instant;
import java.util.UUID;

/** A product as REST returns it. */
record ProductResponse(UUID id, String title, String image, long likes, Instant createdAt, Instant updatedAt) {

    static ProductResponse from(Product product) {
        return new ProductResponse(
                product.id(),
                product.title(),
                product.image(),
                product.likes(),
                product.createdAt(),
                product.updatedAt());
    }
}
