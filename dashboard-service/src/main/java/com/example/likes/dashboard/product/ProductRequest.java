package com.example.likes.dashboard.product;

import com.example.likes.platform.validation.StoredText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/products} and {@code PUT /api/products/{id}}. A PUT is a full replacement: it
 * sets title, image and likes exactly as a create would, so an absent {@code image} becomes {@code ""} and an
 * absent {@code likes} becomes 0. To change only some fields, use PATCH ({@link ProductPatchRequest}).
 */
record ProductRequest(
        @NotBlank @Size(max = 200) @StoredText String title,
        @Size(max = 200) @StoredText String image,
        @PositiveOrZero Long likes) {

    ProductDraft toDraft() {
        return new ProductDraft(title, image == null ? "" : image, likes == null ? 0 : likes);
    }
}
