package com.example.likes.dashboard.product;

import java.time.Instant;
import java.util.UUID;

/** A product as a like leaves it: its count includes the like. */
record LikedProduct(UUID id, String title, String image, long likes, Instant createdAt, Instant updatedAt) {}
