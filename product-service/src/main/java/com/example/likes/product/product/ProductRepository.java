package com.example.likes.product.product;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ProductRepository extends JpaRepository<Product, UUID> {

    Page<Product> findByDeletedFalse(Pageable pageable);

    Optional<Product> findByIdAndDeletedFalse(UUID id);

    /** Products and tombstones with an id after {@code after}, in id order: one page of the reconciliation listing. */
    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** The first page of that listing. */
    List<Product> findByOrderByIdAsc(Limit limit);

    /**
     * Stores a product's state unless the replica holds this version or a newer one (including a tombstone), or
     * holds exactly {@code replacesVersion} (a repair of a replica ahead of the dashboard; 0 replaces nothing). One
     * statement, so that concurrent deliveries of the same product serialise on its row.
     *
     * @return 1 when the state was stored, 0 when it was older than or as old as the replica's
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            insert into product (id, title, image, created_at, updated_at, version, deleted)
            values (:id, :title, :image, :createdAt, :updatedAt, :version, false)
            on conflict (id) do update
                set title = excluded.title,
                    image = excluded.image,
                    created_at = excluded.created_at,
                    updated_at = excluded.updated_at,
                    version = excluded.version,
                    deleted = false
                where product.version < excluded.version
                    or (:replacesVersion > 0 and product.version = :replacesVersion)
            """)
    int saveIfNewer(
            UUID id,
            String title,
            String image,
            Instant createdAt,
            Instant updatedAt,
            long version,
            long replacesVersion);

    /**
     * Turns the product into a tombstone at {@code version}, or leaves a tombstone when the product is unknown
     * (its create may still be on its way), unless the replica holds this version or a newer one other than
     * {@code replacesVersion} (as for {@link #saveIfNewer}).
     *
     * @return 1 when the tombstone was stored, 0 when it was older than or as old as the replica's
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            insert into product (id, created_at, updated_at, version, deleted)
            values (:id, now(), now(), :version, true)
            on conflict (id) do update
                set updated_at = excluded.updated_at,
                    version = excluded.version,
                    deleted = true
                where product.version < excluded.version
                    or (:replacesVersion > 0 and product.version = :replacesVersion)
            """)
    int deleteIfNewer(UUID id, long version, long replacesVersion);
}
