package com.example.likes.dashboard.product;

import com.example.likes.platform.validation.StoredText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * The body of {@code PATCH /api/products/{id}}: only the fields sent change, and {@code {}} changes nothing.
 *
 * <p>The components are {@link Optional} only to tell "not sent" from "sent as null", which a plain nullable
 * field cannot: Jackson leaves an absent field {@code null} ({@code USE_NULL_FOR_MISSING_REFERENCE_VALUES}, which
 * service-platform's strict JSON settings enable: {@code WebPlatformAutoConfiguration.strictJson}) and turns an
 * explicit JSON {@code null} into {@link Optional#empty()}. None of the fields may be null, so an explicit null
 * fails the element constraints and is a 400; send {@code "image": ""} to remove an image.
 *
 * <p>There is no {@code likes}: the count is the server's, and a body that sends it is a 400 naming the field.
 */
record ProductPatchRequest(
        Optional<@NotBlank @Size(max = 200) @StoredText String> title,
        @Schema(format = "uri") Optional<@NotNull @Size(max = 200) @StoredText @ImageLink String> image) {

    ProductPatch toPatch() {
        return new ProductPatch(sent(title), sent(image));
    }

    private static <T> T sent(Optional<T> field) {
        return field == null ? null : field.orElseThrow();
    }
}
