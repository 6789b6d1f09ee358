package com.example.likes.product;

import com.example.likes.protos.product.v1.ProductState;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Test data: product states as the dashboard pushes them, valid unless a test changes a field. */
public final class ProductStates {

    public static final Instant CREATED = Instant.parse("2025-03-01T09:30:00Z");

    private ProductStates() {}

    /** A new product (random id, version 1) created at {@link #CREATED}. */
    public static ProductState.Builder aProduct() {
        return ProductState.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setTitle("Desk lamp")
                .setImage("https://images.example.com/desk-lamp.png")
                .setCreateTime(timestamp(CREATED))
                .setUpdateTime(timestamp(CREATED))
                .setVersion(1);
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
