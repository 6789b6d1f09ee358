package com.example.likes.product.like;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A like the dashboard has counted. Read-only for Hibernate: rows are only inserted, by
 * {@link ProductLikes#insertIfAbsent}, so that a concurrent duplicate is detected instead of failing.
 */
@Entity
@Table(name = "product_like")
@Immutable
class ProductLike {

    @EmbeddedId
    private ProductLikeId id;

    @Column(nullable = false)
    private Instant createdAt;

    protected ProductLike() {}

    ProductLikeId id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }
}
