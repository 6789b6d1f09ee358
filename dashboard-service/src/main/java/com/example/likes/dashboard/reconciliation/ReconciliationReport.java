package com.example.likes.dashboard.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What reconciliation found: how many products each side holds and every product on which they disagree.
 *
 * @param checkedAt when the comparison started
 * @param dashboardProducts products on the dashboard
 * @param replicaProducts live (not deleted) products on product-service
 * @param missing products the dashboard has and product-service lacks or holds as deleted
 * @param extra products product-service serves that the dashboard no longer has
 * @param stale products product-service holds at another version than the dashboard
 * @param drift the disagreeing products, at most {@value Reconciliation#MAX_LISTED}; {@code truncated} tells whether
 *     there were more
 */
record ReconciliationReport(
        Instant checkedAt,
        boolean inSync,
        long dashboardProducts,
        long replicaProducts,
        long missing,
        long extra,
        long stale,
        List<Drift> drift,
        boolean truncated) {

    /** The ways a product can differ between the two sides. */
    enum Kind {
        MISSING,
        EXTRA,
        STALE
    }

    /**
     * One product on which the two sides disagree.
     *
     * @param dashboardVersion the version on the dashboard, {@code null} when it has no such product
     * @param replicaVersion the version on product-service, {@code null} when it never heard of the product
     * @param changePending whether a change of this product is still on its way (in the outbox table): if it is not
     *     parked as failed, the drift will close by itself
     */
    record Drift(
            UUID productId,
            Kind kind,
            @Nullable Long dashboardVersion,
            @Nullable Long replicaVersion,
            boolean changePending) {}
}
