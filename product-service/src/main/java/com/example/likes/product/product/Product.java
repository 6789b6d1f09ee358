package com.example.likes.product.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * The replica of one of the dashboard's products, or the tombstone of a deleted one.
 *
 * <p>Read-only for Hibernate: rows change only through the version-guarded statements of
 * {@link ProductRepository}, so that concurrent and out-of-order deliveries cannot overwrite each other.
 */
@Entity
@Table(name = "product")
@Immutable
public class Product {

    @Id
    private UUID id;

    @Column(length = 200)
    private String title;

    @Column(length = 200, nullable = false)
    private String image;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false)
    private boolean deleted;

    protected Product() {}

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The link to the product's image; empty when it has none. */
    public String image() {
        return image;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    public boolean deleted() {
        return deleted;
    }
}
