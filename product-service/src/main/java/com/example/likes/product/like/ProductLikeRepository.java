package com.example.likes.product.like;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ProductLikeRepository extends JpaRepository<ProductLike, ProductLikeId> {

    /** Records a like; returns 0 when it was recorded already (by a concurrent request). */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            insert into product_like (product_id, user_id) values (:productId, :userId)
            on conflict do nothing
            """)
    int insertIfAbsent(UUID productId, UUID userId);
}
