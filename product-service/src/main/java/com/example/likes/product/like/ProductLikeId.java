package com.example.likes.product.like;

import jakarta.persistence.Embeddable;
import java.util.UUID;

/** A like's identity: one user likes one product at most once. */
@Embeddable
record ProductLikeId(UUID productId, UUID userId) {}
