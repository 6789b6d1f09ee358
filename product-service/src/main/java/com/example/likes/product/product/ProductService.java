package com.example.likes.product.product;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The replica's use cases: apply the changes the dashboard pushes, in version order, and read the live products.
 * Every change is idempotent, so the dashboard may deliver it again, late or concurrently with others.
 *
 * <p>The counter {@code product.replica.changes} tells, per kind of change, how many deliveries were applied and
 * how many were ignored because the replica already held that version or a newer one: redeliveries show up as
 * {@code outcome=ignored}, never as a second {@code applied}.
 */
@Service
public class ProductService {

    private final ProductRepository products;
    private final Counter savesApplied;
    private final Counter savesIgnored;
    private final Counter deletesApplied;
    private final Counter deletesIgnored;

    ProductService(ProductRepository products, MeterRegistry meters) {
        this.products = products;
        this.savesApplied = changes(meters, "save", "applied");
        this.savesIgnored = changes(meters, "save", "ignored");
        this.deletesApplied = changes(meters, "delete", "applied");
        this.deletesIgnored = changes(meters, "delete", "ignored");
    }

    /** Stores a created or updated product; returns whether the replica changed. */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    boolean save(ProductSnapshot product) {
        boolean applied = products.saveIfNewer(
                        product.id(),
                        product.title(),
                        product.image(),
                        product.createdAt(),
                        product.updatedAt(),
                        product.version(),
                        product.replacesVersion())
                > 0;
        (applied ? savesApplied : savesIgnored).increment();
        return applied;
    }

    /** Deletes a product, leaving a tombstone; returns whether the replica changed. */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    boolean delete(ProductDeletion deletion) {
        boolean applied = products.deleteIfNewer(deletion.id(), deletion.version(), deletion.replacesVersion()) > 0;
        (applied ? deletesApplied : deletesIgnored).increment();
        return applied;
    }

    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    Page<Product> list(Pageable pageable) {
        return products.findByDeletedFalse(pageable);
    }

    /**
     * The live product with this id.
     *
     * <p>A single read, so it runs in the caller's transaction if there is one and otherwise alone, in auto-commit:
     * a transaction of its own would add a {@code begin} and a {@code commit} to the one {@code select}.
     *
     * @throws NotFoundException when the replica has never heard of it or it was deleted
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Product get(UUID id) {
        return products.findByIdAndDeletedFalse(id).orElseThrow(() -> new NotFoundException("Product", id));
    }

    /**
     * Up to {@code size} products and tombstones with an id after {@code after} (from the first when {@code null}),
     * in PostgreSQL's order of UUIDs: byte by byte, unsigned.
     */
    @Transactional(readOnly = true)
    ProductVersions versions(@Nullable UUID after, int size) {
        List<Product> page = after == null
                ? products.findByOrderByIdAsc(Limit.of(size))
                : products.findByIdGreaterThanOrderByIdAsc(after, Limit.of(size));
        List<ProductVersions.Entry> entries = page.stream()
                .map(p -> new ProductVersions.Entry(p.id(), p.version(), p.deleted()))
                .toList();
        UUID next = page.size() < size ? null : page.getLast().id();
        return new ProductVersions(entries, next);
    }

    private static Counter changes(MeterRegistry meters, String change, String outcome) {
        return Counter.builder("product.replica.changes")
                .description("Changes received from the dashboard, by kind and by whether they were applied")
                .tag("change", change)
                .tag("outcome", outcome)
                .register(meters);
    }
}
