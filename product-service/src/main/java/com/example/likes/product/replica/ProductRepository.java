package com.example.likes.product.replica;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Reads the replica; nothing here writes it ({@link ReplicaWriter} does). */
interface ProductRepository extends Repository<Product, UUID> {

    /** One page of the live products, oldest first, without counting the rest. */
    List<Product> findByDeletedFalse(Pageable pageable);

    /** Up to {@code limit} live products created after the position ({@code createdAt}, {@code id}), oldest first. */
    @Query("""
            select * from product where not deleted and (created_at, id) > (:createdAt, :id)
            order by created_at, id limit :limit""")
    List<Product> findLiveAfter(Instant createdAt, UUID id, int limit);

    /** How many live products there are, counting no further than {@code limit}. */
    @Query("select count(*) from (select 1 from product where not deleted limit :limit) counted")
    long countLiveUpTo(int limit);

    Optional<Product> findByIdAndDeletedFalse(UUID id);

    /** Products and tombstones with an id after {@code after}, in id order: one page of the reconciliation listing. */
    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** The first page of that listing. */
    List<Product> findByOrderByIdAsc(Limit limit);
}
