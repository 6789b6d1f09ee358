package com.example.likes.dashboard.product;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Products and their likes.
 *
 * <p>Every edit and delete first locks its product's row with {@link #findForUpdateById}. Taking that one lock
 * first, always, makes concurrent writers queue up instead of deadlocking or failing an optimistic version check,
 * and keeps a product from disappearing between the check that it exists and the write. A like takes the weaker
 * {@link #lockAgainstChanges} instead, so that likes of one product do not wait for each other but for edits.
 */
interface ProductRepository extends JpaRepository<Product, UUID> {

    /** Products with an id after {@code after}, in id order: one page for reconciliation. */
    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** The first page of that listing. */
    List<Product> findByOrderByIdAsc(Limit limit);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.id = :id")
    Optional<Product> findForUpdateById(UUID id);

    /**
     * Locks a product's row against edits and deletes ({@code for key share}) until the transaction ends, without
     * blocking likes, which take the same lock and then only update the count; returns 1, or 0 when there is no such
     * product.
     */
    @Query(
            value = "select count(*) from (select 1 from product where id = :id for key share) locked",
            nativeQuery = true)
    int lockAgainstChanges(UUID id);

    /** Records that a user likes a product; returns 1 when recorded now, 0 when it was recorded before. */
    @Modifying
    @Query(value = """
            insert into product_like (product_id, user_id, created_at) values (:productId, :userId, :likedAt)
            on conflict (product_id, user_id) do nothing""", nativeQuery = true)
    int insertLikeIfAbsent(UUID productId, UUID userId, Instant likedAt);

    /**
     * Adds one like in a single atomic statement; it neither reads the count first nor bumps the version, as a
     * like is not an edit. The count saturates at the largest {@code bigint} instead of failing. Native SQL, because
     * Hibernate translates a JPQL update anew on every call (what that cost: docs/performance.md, "Measurements behind
     * the code").
     */
    @Modifying(clearAutomatically = true)
    @Query(
            value = "update product set likes = likes + 1 where id = :id and likes < 9223372036854775807",
            nativeQuery = true)
    int incrementLikes(UUID id);
}
