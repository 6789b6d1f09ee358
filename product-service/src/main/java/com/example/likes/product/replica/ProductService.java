package com.example.likes.product.replica;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.web.ListPosition;
import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.Paging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
    private final ReplicaWriter writer;
    private final Paging.Rows<Product> live;
    private final Counter savesApplied;
    private final Counter savesIgnored;
    private final Counter deletesApplied;
    private final Counter deletesIgnored;

    ProductService(ProductRepository products, ReplicaWriter writer, MeterRegistry meters) {
        this.products = products;
        this.writer = writer;
        this.live = Paging.Rows.of(
                products::findByDeletedFalse,
                (after, limit) -> products.findLiveAfter(after.createdAt(), after.id(), limit),
                products::countLiveUpTo);
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
    public boolean save(ProductSnapshot product) {
        return counted(writer.saveIfNewer(List.of(product)), savesApplied, savesIgnored)[0];
    }

    /** Deletes a product, leaving a tombstone; returns whether the replica changed. */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    public boolean delete(ProductDeletion deletion) {
        return counted(writer.deleteIfNewer(List.of(deletion)), deletesApplied, deletesIgnored)[0];
    }

    /**
     * Applies a batch of changes in one transaction: all of them or, when the database fails, none, so that the
     * dashboard can send the batch again. Returns, per change in the order given, whether the replica changed. The
     * order does not decide the outcome: of several changes to one product, the newest version wins either way.
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    public boolean[] applyAll(List<ReplicaChange> changes) {
        List<ProductSnapshot> saves = new ArrayList<>();
        List<ProductDeletion> deletes = new ArrayList<>();
        for (ReplicaChange change : changes) {
            switch (change) {
                case ProductSnapshot save -> saves.add(save);
                case ProductDeletion delete -> deletes.add(delete);
            }
        }
        boolean[] saved = saves.isEmpty() ? new boolean[0] : writer.saveIfNewer(saves);
        boolean[] deleted = deletes.isEmpty() ? new boolean[0] : writer.deleteIfNewer(deletes);
        boolean[] applied = new boolean[changes.size()];
        int nextSave = 0;
        int nextDelete = 0;
        for (int i = 0; i < applied.length; i++) {
            applied[i] = changes.get(i) instanceof ProductSnapshot ? saved[nextSave++] : deleted[nextDelete++];
        }
        // Counted once the transaction has committed, so that a batch that is rolled back and retried counts once.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counted(saved, savesApplied, savesIgnored);
                counted(deleted, deletesApplied, deletesIgnored);
            }
        });
        return applied;
    }

    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    PageResponse<Product> list(int page, int size, @Nullable String cursor) {
        return Paging.page(page, size, cursor, live, product -> new ListPosition(product.createdAt(), product.id()));
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
    public ProductVersions versions(@Nullable UUID after, int size) {
        List<Product> page = after == null
                ? products.findByOrderByIdAsc(Limit.of(size))
                : products.findByIdGreaterThanOrderByIdAsc(after, Limit.of(size));
        List<ProductVersions.Entry> entries = page.stream()
                .map(p -> new ProductVersions.Entry(p.id(), p.version(), p.deleted()))
                .toList();
        UUID next = page.size() < size ? null : page.getLast().id();
        return new ProductVersions(entries, next);
    }

    private static boolean[] counted(boolean[] outcomes, Counter applied, Counter ignored) {
        for (boolean outcome : outcomes) {
            (outcome ? applied : ignored).increment();
        }
        return outcomes;
    }

    private static Counter changes(MeterRegistry meters, String change, String outcome) {
        return Counter.builder("product.replica.changes")
                .description("Changes received from the dashboard, by kind and by whether they were applied")
                .tag("change", change)
                .tag("outcome", outcome)
                .register(meters);
    }
}
