package com.example.likes.product.replica;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/** Reads the replica; nothing here writes it ({@link ReplicaWriter} does). */
interface ProductRepository extends Repository<Product, UUID> {

    Page<Product> findByDeletedFalse(Pageable pageable);

    Optional<Product> findByIdAndDeletedFalse(UUID id);

    /** Products and tombstones with an id after {@code after}, in id order: one page of the reconciliation listing. */
    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** The first page of that listing. */
    List<Product> findByOrderByIdAsc(Limit limit);
}
