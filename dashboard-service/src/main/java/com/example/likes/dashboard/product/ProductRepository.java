package com.example.likes.dashboard.product;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;

/**
 * Products; their likes are counted by {@link LikeCounter}.
 *
 * <p>Every edit and delete first locks its product's row with {@link #findForUpdateById}. Taking that one lock
 * first, always, makes concurrent writers queue up instead of deadlocking or failing an optimistic version check,
 * and keeps a product from disappearing between the check that it exists and the write. A like takes the weaker
 * {@code for key share} lock instead ({@link LikeCounter#like}), so that likes of one product do not wait for each
 * other but for edits.
 */
interface ProductRepository extends ListCrudRepository<Product, UUID>, PagingAndSortingRepository<Product, UUID> {

    /** Products with an id after {@code after}, in id order: one page for reconciliation. */
    List<Product> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** The first page of that listing. */
    List<Product> findByOrderByIdAsc(Limit limit);

    /** The product, its row locked until the transaction ends ({@code select ... for update}). */
    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Product> findForUpdateById(UUID id);
}
