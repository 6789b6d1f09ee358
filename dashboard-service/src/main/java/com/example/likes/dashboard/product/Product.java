package com.example.likes.dashboard.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A product and its like count.
 *
 * <p>Likes are counted by SQL ({@code likes = likes + 1}, see {@link ProductRepository}), behind this entity's
 * back. {@link DynamicUpdate} makes an edit write only the columns it changed, so an edit that leaves the count
 * alone never writes back the count it loaded. {@link Version} counts the edits (not the likes); product-service
 * orders the changes it receives by it.
 */
@Entity
@Table(name = "product")
@DynamicUpdate
class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 200)
    private String image;

    @Column(nullable = false)
    private long likes;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected Product() {}

    Product(ProductDraft draft, Instant now) {
        this.title = draft.title();
        this.image = draft.image();
        this.likes = draft.likes();
        this.createdAt = truncate(now);
        this.updatedAt = this.createdAt;
    }

    /** Puts the draft's title, image and likes in place; returns whether anything changed. */
    boolean replaceWith(ProductDraft draft, Instant now) {
        return apply(new ProductPatch(draft.title(), draft.image(), draft.likes()), now);
    }

    /** Changes the fields the patch names; returns whether anything changed. */
    boolean apply(ProductPatch patch, Instant now) {
        String newTitle = Objects.requireNonNullElse(patch.title(), title);
        String newImage = Objects.requireNonNullElse(patch.image(), image);
        long newLikes = Objects.requireNonNullElse(patch.likes(), likes);
        if (newTitle.equals(title) && newImage.equals(image) && newLikes == likes) {
            return false;
        }
        this.title = newTitle;
        this.image = newImage;
        this.likes = newLikes;
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

    Instant updatedAt() {
        return updatedAt;
    }

    /** The number of committed edits; assigned by JPA when the product is first flushed. */
    long version() {
        return version;
    }

    // PostgreSQL keeps microseconds: truncating here makes a response equal what a later read returns.
    private static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
