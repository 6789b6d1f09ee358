package com.example.likes.dashboard.product;

import com.example.likes.platform.validation.StoredText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/products}: an absent {@code image} becomes {@code ""}, an absent {@code likes} 0. A
 * like count is set here only, by an editor who imports a product with the count it had elsewhere; from then on the
 * count is the server's ({@link ProductReplacementRequest}, {@link ProductPatchRequest}).
 */
record ProductRequest(
        @NotBlank @Size(max = 200) @StoredText String title,

        @Schema(format = "uri") @Size(max = 200) @StoredText @ImageLink
        String image,

        @PositiveOrZero Long likes) {

    ProductDraft toDraft() {
        return new ProductDraft(title, image == null ? "" : image, likes == null ? 0 : likes);
    }
}
