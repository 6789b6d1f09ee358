package com.example.likes.dashboard.product;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Products; their likes are counted by {@link LikeCounter}.
 *
 * <p>Every edit and delete first locks its product's row with {@link #findForUpdateById}. Taking that one lock
 * first, always, makes concurrent writers queue up instead of deadlocking or failing an optimistic version check,
 * and keeps a product from disappearing between the check that it exists and the write. A like takes the weaker
 * {@code for key share} lock instead ({@link LikeCounter#like}), so that likes of one product do not wait for each
 * other but for edits.
 */
interface ProductRepository extends ListCrudRepository<Product, UUID> {

    /** One page of the public list, oldest first, without counting the rest. */
    List<Product> findAllBy(Pageable page);

    /** Up to {@code limit} products created after the position ({@code createdAt}, {@code id}), oldest first. */
    @Query("""
            select * from product where (created_at, id) > (:createdAt, :id)
            order by created_at, id limit :limit""")
    List<Product> findAfter(Instant createdAt, UUID id, int limit);

    /** How many products there are, counting no further than {@code limit}. */
    @Query("select count(*) from (select 1 from product limit :limit) counted")
    long countUpTo(int limit);

    /** Products with an id after {@code after}, in id order: one page for reconciliation. */
    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** The first page of that listing. */
    List<Product> findByOrderByIdAsc(Limit limit);

    /** The product, its row locked until the transaction ends ({@code select ... for update}). */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Product> findForUpdateById(UUID id);
}
