package com.example.likes.product.like;

import com.example.likes.platform.web.auth.EndUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liking a product, as the caller: the user is the bearer token's ({@link EndUser}), never a field of the request.
 * A like changes state, so it is a POST; any other method on the path answers 405.
 */
@RestController
@Tag(name = "likes", description = "Liking a product: the dashboard counts the like, then this service records it.")
class LikeController {

    private final LikeService likes;

    LikeController(LikeService likes) {
        this.likes = likes;
    }

    @PostMapping("/api/products/{id}/like")
    @Operation(
            summary = "Like a product as the caller",
            description = "Answers the product's like count, as the dashboard counted it.")
    @ApiResponse(responseCode = "200", description = "Liked; `likes` is the new count")
    @ApiResponse(responseCode = "404", description = "No such product, or no such user")
    @ApiResponse(responseCode = "409", description = "You already liked this product; no count changed")
    @ApiResponse(
            responseCode = "503",
            description = "The dashboard, which counts likes, is unavailable; nothing was recorded. Retry after "
                    + "`Retry-After` seconds.")
    @ApiResponse(
            responseCode = "504",
            description = "The dashboard did not answer in time; a retry counts the like once")
    LikeResponse like(
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable LikeRequest request,
            JwtAuthenticationToken caller) {
        return LikeResponse.from(likes.like(id, EndUser.of(caller).id()));
    }
}
