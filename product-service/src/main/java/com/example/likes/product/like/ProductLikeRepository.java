package com.example.likes.product.like;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface ProductLikeRepository extends JpaRepository<ProductLike, ProductLikeId> {

    /**
     * Whether this user's like of this product is recorded: one {@code select} in auto-commit when the caller has no
     * transaction, instead of Spring Data's default read-only transaction around it (a {@code begin} and a
     * {@code commit} more per like).
     */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    boolean existsById(ProductLikeId id);

    /** Records a like; returns 0 when it was recorded already (by a concurrent request). */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            insert into product_like (product_id, user_id) values (:productId, :userId)
            on conflict do nothing
            """)
    int insertIfAbsent(UUID productId, UUID userId);
}
