package com.example.likes.product.like;

import java.util.UUID;

/** A like that is recorded here and counted by the dashboard, which now counts {@code likes} for the product. */
record RecordedLike(UUID productId, UUID userId, long likes) {}
