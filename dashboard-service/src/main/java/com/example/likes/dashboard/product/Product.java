package com.example.likes.dashboard.product;

import com.example.likes.platform.web.ListPosition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A product and its like count.
 *
 * <p>Likes are counted by SQL ({@code likes = likes + 1}, see {@link LikeCounter}), behind this entity's back. An
 * edit writes every column back, the count it loaded included; that count is still current, because an edit reads
 * its product under {@code for update} ({@link ProductRepository#findForUpdateById}), and a like's statement waits
 * for that lock until the edit has committed. {@link Version} counts the edits (not the likes);
 * product-service orders the changes it receives by it.
 */
@Table("product")
class Product {

    @Id
    private UUID id;

    private String title;

    private String image;

    private long likes;

    @InsertOnlyProperty
    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private Long version;

    // For Spring Data JDBC, which sets the fields from a row.
    private Product() {}

    Product(ProductDraft draft, Instant now) {
        this.id = UUID.randomUUID();
        this.title = draft.title();
        this.image = draft.image();
        this.likes = draft.likes();
        this.createdAt = truncate(now);
        this.updatedAt = this.createdAt;
    }

    /** Changes the fields the patch names; returns whether anything changed. The like count is never an edit's. */
    boolean apply(ProductPatch patch, Instant now) {
        String newTitle = Objects.requireNonNullElse(patch.title(), title);
        String newImage = Objects.requireNonNullElse(patch.image(), image);
        if (newTitle.equals(title) && newImage.equals(image)) {
            return false;
        }
        this.title = newTitle;
        this.image = newImage;
        this.updatedAt = truncate(now);
        return true;
    }

    UUID id() {
        return id;
    }

    String title() {
        return title;
    }

    String image() {
        return image;
    }

    long likes() {
        return likes;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Where this product sits in the list of products, oldest first. */
    ListPosition position() {
        return new ListPosition(createdAt, id);
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** The number of committed edits; assigned by Spring Data JDBC when the product is inserted. */
    long version() {
        return version;
    }

    // PostgreSQL keeps microseconds: truncating here makes a response equal what a later read returns.
    private static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
