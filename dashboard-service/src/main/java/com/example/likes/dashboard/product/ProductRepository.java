package com.example.likes.dashboard.product;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products and their likes.
 *
 * <p>Every edit and delete first locks its product's row with {@link #findForUpdateById}. Taking that one lock
 * first, always, makes concurrent writers queue up instead of deadlocking or failing an optimistic version check,
 * and keeps a product from disappearing between the check that it exists and the write. A like takes the weaker
 * {@code for key share} lock instead ({@link #like}), so that likes of one product do not wait for each other but
 * for edits.
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
     * Counts a user's like of a product, once per (product, user), in one statement: returns the product with its
     * count after the like, or nothing when there is no such product or no such user (then nothing changed).
     *
     * <p>The product's row is locked against edits and deletes ({@code for key share}) for the statement, which does
     * not block other likes: they take the same lock and then only update the count, one atomic increment that
     * saturates at the largest {@code bigint} instead of failing and bumps no version, as a like is not an edit.
     * The pair is recorded first ({@code on conflict do nothing}), so a pair liked before, or by a concurrent
     * request, counts nothing. One statement in the caller's transaction, or alone in auto-commit: a like's whole
     * transaction, so likes of one product queue up only for the increment, which runs last, just before the commit.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    @Query(nativeQuery = true, value = """
            with liked as (
                select * from product where id = :productId for key share
            ), liker as (
                select id from app_user where id = :userId
            ), recorded as (
                insert into product_like (product_id, user_id, created_at)
                select liked.id, liker.id, :likedAt from liked, liker
                on conflict (product_id, user_id) do nothing
                returning product_id
            ), counted as (
                update product set likes = likes + 1
                where id = (select product_id from recorded) and likes < 9223372036854775807
                returning likes
            )
            select liked.id, liked.title, liked.image, coalesce((select likes from counted), liked.likes) as likes,
                liked.created_at, liked.updated_at, liked.version
            from liked, liker""")
    Optional<Product> like(UUID productId, UUID userId, Instant likedAt);
}
