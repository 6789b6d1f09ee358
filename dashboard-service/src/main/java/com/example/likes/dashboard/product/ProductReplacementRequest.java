package com.example.likes.dashboard.product;

import com.example.likes.platform.validation.StoredText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /api/products/{id}}: a full replacement of what an editor sets, so an absent {@code image}
 * becomes {@code ""}. The like count is the server's and stays as it is; a body that sends {@code likes} is a 400
 * naming the field, and nothing changes. To change only some fields, use PATCH ({@link ProductPatchRequest}).
 */
record ProductReplacementRequest(
        @NotBlank @Size(max = 200) @StoredText String title,

        @Schema(format = "uri") @Size(max = 200) @StoredText @ImageLink
        String image) {

    ProductPatch toPatch() {
        return new ProductPatch(title, image == null ? "" : image);
    }
}
