package com.example.likes.product.like;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who liked which product: the two statements a like makes here, each alone in auto-commit, through Spring's
 * {@link JdbcClient}. Written by hand because neither is a repository method (one asks two tables at once, the other
 * is an {@code insert ... on conflict do nothing}), and each returns one value: on the system's hottest path, nothing
 * runs but the statements (what an ORM would add: docs/performance.md).
 */
@Repository
class LikeRepository {

    private final JdbcClient jdbc;

    LikeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether this user's like of this product is recorded, or nothing when the replica holds no live product with
     * this id: both in one {@code select}.
     */
    Optional<Boolean> likedIfLive(UUID productId, UUID userId) {
        return jdbc.sql("""
                        select exists (select 1 from product_like where product_id = :productId and user_id = :userId)
                        from product where id = :productId and not deleted""")
                .param("productId", productId)
                .param("userId", userId)
                .query(Boolean.class)
                .optional();
    }

    /** Records a like; false when it was recorded already (by a concurrent request). */
    boolean insertIfAbsent(UUID productId, UUID userId) {
        return jdbc.sql("""
                        insert into product_like (product_id, user_id) values (:productId, :userId)
                        on conflict do nothing""")
                        .param("productId", productId)
                        .param("userId", userId)
                        .update()
                == 1;
    }
}
