package com.example.likes.dashboard.product;

import com.example.likes.dashboard.product.ProductEvent.Snapshot;
import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.Paging;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of products: create, read, edit, delete and like. Every create, edit and delete publishes a
 * {@link ProductEvent} inside its transaction; replication ({@code replication/}) records and delivers it.
 */
@Service
public class ProductService {

    private static final int MAX_VERSIONS_PAGE = 1000;

    private final ProductRepository products;
    private final JdbcAggregateOperations aggregates;
    private final LikeCounter likes;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Paging.Rows<Product> rows;

    ProductService(
            ProductRepository products,
            JdbcAggregateOperations aggregates,
            LikeCounter likes,
            ApplicationEventPublisher events,
            Clock clock) {
        this.products = products;
        this.aggregates = aggregates;
        this.likes = likes;
        this.events = events;
        this.clock = clock;
        this.rows = Paging.Rows.of(
                products::findAllBy,
                (after, limit) -> products.findAfter(after.createdAt(), after.id(), limit),
                products::countUpTo);
    }

    @Retryable(
            predicate = TransientFaults.NothingCommitted.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    Product create(ProductDraft draft) {
        // An insert, not a save: the product chose its own id.
        Product product = aggregates.insert(new Product(draft, clock.instant()));
        events.publishEvent(new ProductEvent.Created(Snapshot.from(product)));
        return product;
    }

    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    Product get(UUID id) {
        return products.findById(id).orElseThrow(() -> notFound(id));
    }

    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    PageResponse<Product> list(int page, int size, @Nullable String cursor) {
        return Paging.page(page, size, cursor, rows, Product::position);
    }

    /**
     * Changes the fields the patch names: a PUT names them all, a PATCH those it sent. The like count is not among
     * them; only likes change it.
     */
    @Retryable(
            predicate = TransientFaults.NothingCommitted.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    Product update(UUID id, ProductPatch patch) {
        return edit(id, product -> product.apply(patch, clock.instant()));
    }

    @Retryable(
            predicate = TransientFaults.NothingCommitted.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    void delete(UUID id) {
        Product product = products.findForUpdateById(id).orElseThrow(() -> notFound(id));
        products.delete(product);
        events.publishEvent(new ProductEvent.Deleted(id, product.version() + 1));
    }

    /**
     * Counts a user's like of a product, once per (product, user) however often it is asked, and returns the
     * product with its count. Concurrent likes never lose a count: the count only changes by one atomic SQL
     * increment, in the same statement that records the like ({@link LikeCounter#like}).
     *
     * <p>No transaction of its own: the one statement is the like's whole transaction, and a {@code begin} and a
     * {@code commit} around it would double the round trips to the database. Which of the product and the user is
     * missing is looked up only when the like found one of them missing.
     *
     * @throws NotFoundException when the product or the user does not exist
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    LikedProduct like(UUID productId, UUID userId) {
        // Products are never created under an id a caller chose, nor brought back once deleted: when the product
        // exists now, it existed during the like, so it was the user that was missing.
        return likes.like(productId, userId, clock.instant())
                .orElseThrow(() ->
                        products.existsById(productId) ? new NotFoundException("User", userId) : notFound(productId));
    }

    /**
     * Up to {@code size} (at most 1000) products with an id after {@code after} (from the first when {@code null}),
     * in PostgreSQL's order of UUIDs (byte by byte, unsigned): one page for reconciliation.
     */
    @Transactional(readOnly = true)
    public List<VersionedId> versionsAfter(@Nullable UUID after, int size) {
        Limit limit = Limit.of(Math.min(size, MAX_VERSIONS_PAGE));
        List<Product> page = after == null
                ? products.findByOrderByIdAsc(limit)
                : products.findByIdGreaterThanOrderByIdAsc(after, limit);
        return page.stream()
                .map(product -> new VersionedId(product.id(), product.version()))
                .toList();
    }

    /**
     * Announces a product's current state again, or its deletion when the product no longer exists here, so that a
     * replica that missed it catches up. Changes nothing on the dashboard; the replica ignores an announcement it
     * has already applied.
     *
     * <p>A replica may hold a version the dashboard never reached (a change sent by some other caller, or a
     * dashboard restored from an older backup). Then a plain announcement would be ignored as older, so it names
     * the replica's version as the one it replaces, and the replica takes it as long as it still holds exactly
     * that version: a newer regular change that arrives first is never overwritten.
     *
     * @param replicaVersion the version the replica was seen to hold, or {@code null} when it holds none
     * @return whether the product exists (and its state was announced) or not (and its deletion was announced)
     */
    @Transactional
    public boolean republish(UUID id, @Nullable Long replicaVersion) {
        Optional<Product> product = products.findForUpdateById(id);
        long held = replicaVersion == null ? -1 : replicaVersion;
        events.publishEvent(product.<ProductEvent>map(p -> {
                    long replaces = held > p.version() ? held : 0;
                    return new ProductEvent.Updated(Snapshot.from(p), replaces);
                })
                .orElseGet(() -> {
                    // Above the replica's version, unless that one is at the end of the range already (or beyond
                    // it, as an older product-service may have stored), where it replaces that version instead.
                    long version = held >= ProductEvent.MAX_VERSION ? ProductEvent.MAX_VERSION : held + 1;
                    return new ProductEvent.Deleted(id, version, version > held ? 0 : held);
                }));
        return product.isPresent();
    }

    private Product edit(UUID id, Predicate<Product> change) {
        Product product = products.findForUpdateById(id).orElseThrow(() -> notFound(id));
        if (!change.test(product)) {
            return product;
        }
        // The saved product carries the version this edit gives it, which the change announces.
        Product saved = products.save(product);
        events.publishEvent(new ProductEvent.Updated(Snapshot.from(saved)));
        return saved;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Product", id);
    }
}
