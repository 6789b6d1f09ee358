package com.example.likes.product.like;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Liking a product. A like changes state, so it is a POST; any other method on the path answers 405. */
@RestController
class LikeController {

    private final LikeService likes;

    LikeController(LikeService likes) {
        this.likes = likes;
    }

    @PostMapping("/api/products/{id}/like")
    LikeResponse like(@PathVariable UUID id, @RequestBody(required = false) @Nullable LikeRequest request) {
        return LikeResponse.from(likes.like(id, request == null ? null : request.userId()));
    }
}
