package com.example.likes.product.like;

import java.util.UUID;

/** A recorded like and the product's like count on the dashboard after it. */
record LikeResponse(UUID productId, UUID userId, long likes) {

    static LikeResponse from(RecordedLike like) {
        return new LikeResponse(like.productId(), like.userId(), like.likes());
    }
}
