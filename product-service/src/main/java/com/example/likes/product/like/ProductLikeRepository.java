package com.example.likes.product.like;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface ProductLikeRepository extends JpaRepository<ProductLike, ProductLikeId> {

    /**
     * Whether this user's like of this product is recorded, or nothing when the replica holds no live product with
     * this id: both in one {@code select}, in auto-commit when the caller has no transaction (a read-only
     * transaction around it would add a {@code begin} and a {@code commit}).
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    @Query(nativeQuery = true, value = """
            select exists (select 1 from product_like where product_id = :productId and user_id = :userId)
            from product where id = :productId and not deleted""")
    Optional<Boolean> likedIfLive(UUID productId, UUID userId);

    /**
     * Records a like; returns nothing when it was recorded already (by a concurrent request). A query that returns
     * the row it inserted, not a {@code @Modifying} update, so that it runs in auto-commit when the caller has no
     * transaction: the one statement needs none of its own.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    @Query(nativeQuery = true, value = """
            insert into product_like (product_id, user_id) values (:productId, :userId)
            on conflict do nothing
            returning true""")
    Optional<Boolean> insertIfAbsent(UUID productId, UUID userId);
}
