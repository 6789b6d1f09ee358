package com.example.likes.dashboard.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The edit rules of a product, without a database. */
class ProductTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00.123456789Z");
    private static final Instant LATER = Instant.parse("2026-01-02T10:00:00.987654321Z");

    @Test
    void newProductIsStampedOnceToTheMicrosecond() {
        Product product = new Product(new ProductDraft("Lamp", "lamp.png", 3), CREATED);

        assertThat(product.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
        assertThat(product.updatedAt()).isEqualTo(product.createdAt());
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        Product product = new Product(new ProductDraft("Lamp", "lamp.png", 3), CREATED);

        boolean changed = product.apply(new ProductPatch("Desk lamp", null), LATER);

        assertThat(changed).isTrue();
        assertThat(product.title()).isEqualTo("Desk lamp");
        assertThat(product.image()).isEqualTo("lamp.png");
        assertThat(product.likes()).isEqualTo(3);
        assertThat(product.updatedAt()).isEqualTo(Instant.parse("2026-01-02T10:00:00.987654Z"));
    }

    @Test
    void patchThatNamesNothingOrTheSameValuesIsNoChange() {
        Product product = new Product(new ProductDraft("Lamp", "lamp.png", 3), CREATED);

        assertThat(product.apply(new ProductPatch(null, null), LATER)).isFalse();
        assertThat(product.apply(new ProductPatch("Lamp", "lamp.png"), LATER)).isFalse();
        assertThat(product.updatedAt()).isEqualTo(product.createdAt());
    }

    @Test
    void replacementSetsTitleAndImageAndKeepsTheLikeCount() {
        Product product = new Product(new ProductDraft("Lamp", "lamp.png", 3), CREATED);

        boolean changed = product.apply(new ProductReplacementRequest("Desk lamp", null).toPatch(), LATER);

        assertThat(changed).isTrue();
        assertThat(product.title()).isEqualTo("Desk lamp");
        assertThat(product.image()).isEmpty();
        assertThat(product.likes()).isEqualTo(3);
        assertThat(product.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
    }

    @Test
    void requestWithoutImageOrLikesDraftsEmptyImageAndNoLikes() {
        assertThat(new ProductRequest("Lamp", null, null).toDraft()).isEqualTo(new ProductDraft("Lamp", "", 0));
    }
}
