package com.example.likes.dashboard.reconciliation;

import com.example.likes.dashboard.product.ProductService;
import com.example.likes.dashboard.product.VersionedId;
import com.example.likes.dashboard.replication.ReplicationClient;
import com.example.likes.dashboard.replication.ReplicationService;
import com.example.likes.protos.product.v1.ListProductVersionsResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Compares the dashboard's products with product-service's replica and reports any drift, and can repair it by
 * announcing the dashboard's state of each drifted product again through replication.
 *
 * <p>Both sides are read page by page in id order and merged, so memory stays flat however many products there
 * are. The two sides are not read at one instant: a product changed during the comparison may show up as drift
 * with {@code changePending}, and closes by itself once replication has delivered that change.
 */
@Service
class Reconciliation {

    static final int MAX_LISTED = 1000;
    private static final int PAGE_SIZE = 500;

    // PostgreSQL orders UUIDs byte by byte, unsigned; java.util.UUID.compareTo compares signed longs.
    private static final Comparator<UUID> DATABASE_ORDER = Comparator.comparing(
                    UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private final ProductService products;
    private final ReplicationClient replica;
    private final ReplicationService replication;
    private final Clock clock;

    Reconciliation(ProductService products, ReplicationClient replica, ReplicationService replication, Clock clock) {
        this.products = products;
        this.replica = replica;
        this.replication = replication;
        this.clock = clock;
    }

    /**
     * Compares both sides.
     *
     * @throws io.grpc.StatusRuntimeException when product-service cannot be asked (UNAVAILABLE becomes a 503)
     */
    ReconciliationReport compare() {
        Instant checkedAt = clock.instant();
        Iterator<VersionedId> dashboard =
                new Pages<>(after -> products.versionsAfter(after, PAGE_SIZE), VersionedId::id, PAGE_SIZE);
        Iterator<ReplicaEntry> replicaSide = new ReplicaPages();
        Tally tally = new Tally();
        VersionedId ours = next(dashboard);
        ReplicaEntry theirs = next(replicaSide);
        while (ours != null || theirs != null) {
            int order = ours == null ? 1 : theirs == null ? -1 : DATABASE_ORDER.compare(ours.id(), theirs.id());
            if (order < 0) {
                tally.dashboardOnly(ours);
                ours = next(dashboard);
            } else if (order > 0) {
                tally.replicaOnly(theirs);
                theirs = next(replicaSide);
            } else {
                tally.both(ours, theirs);
                ours = next(dashboard);
                theirs = next(replicaSide);
            }
        }
        return tally.report(checkedAt, replication.withUndeliveredChanges(tally.driftedIds()));
    }

    /**
     * Compares both sides, then announces the dashboard's state of every drifted product that has no change
     * on its way: a missing or stale product is sent again as it is (replacing the replica's version when that one
     * is ahead of the dashboard's), an extra one is deleted (at a version above the replica's). Returns the report
     * of the comparison; the repairs arrive like any other change.
     */
    ReconciliationReport repair() {
        ReconciliationReport report = compare();
        for (ReconciliationReport.Drift drift : report.drift()) {
            if (!drift.changePending()) {
                products.republish(drift.productId(), drift.replicaVersion());
            }
        }
        return report;
    }

    private static <T> @Nullable T next(Iterator<T> side) {
        return side.hasNext() ? side.next() : null;
    }

    private record ReplicaEntry(UUID id, long version, boolean deleted) {}

    /** One side, read page by page: each page starts after the last id of the previous one. */
    private static final class Pages<T> implements Iterator<T> {

        private final Function<@Nullable UUID, List<T>> page;
        private final Function<T, UUID> id;
        private final int pageSize;
        private Iterator<T> current = List.<T>of().iterator();
        private @Nullable UUID last;
        private boolean exhausted;

        Pages(Function<@Nullable UUID, List<T>> page, Function<T, UUID> id, int pageSize) {
            this.page = page;
            this.id = id;
            this.pageSize = pageSize;
        }

        @Override
        public boolean hasNext() {
            if (!current.hasNext() && !exhausted) {
                List<T> next = page.apply(last);
                exhausted = next.size() < pageSize;
                if (!next.isEmpty()) {
                    last = id.apply(next.getLast());
                }
                current = next.iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    /** The replica, read page by page with the tokens product-service hands out. */
    private final class ReplicaPages implements Iterator<ReplicaEntry> {

        private Iterator<ReplicaEntry> current = List.<ReplicaEntry>of().iterator();
        private String token = "";
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !exhausted) {
                ListProductVersionsResponse page = replica.versions(token, PAGE_SIZE);
                current = page.getProductsList().stream()
                        .map(p -> new ReplicaEntry(UUID.fromString(p.getId()), p.getVersion(), p.getDeleted()))
                        .iterator();
                token = page.getNextPageToken();
                exhausted = token.isEmpty();
            }
            return current.hasNext();
        }

        @Override
        public ReplicaEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    /** Counts both sides and collects the drift as the merge walks them. */
    private static final class Tally {

        private long dashboardProducts;
        private long replicaProducts;
        private long missing;
        private long extra;
        private long stale;
        private final List<ReconciliationReport.Drift> drift = new ArrayList<>();
        private boolean truncated;

        void dashboardOnly(VersionedId ours) {
            dashboardProducts++;
            missing++;
            add(ours.id(), ReconciliationReport.Kind.MISSING, ours.version(), null);
        }

        void replicaOnly(ReplicaEntry theirs) {
            if (!theirs.deleted()) {
                replicaProducts++;
                extra++;
                add(theirs.id(), ReconciliationReport.Kind.EXTRA, null, theirs.version());
            }
        }

        void both(VersionedId ours, ReplicaEntry theirs) {
            dashboardProducts++;
            if (theirs.deleted()) {
                missing++;
                add(ours.id(), ReconciliationReport.Kind.MISSING, ours.version(), theirs.version());
                return;
            }
            replicaProducts++;
            if (theirs.version() != ours.version()) {
                stale++;
                add(ours.id(), ReconciliationReport.Kind.STALE, ours.version(), theirs.version());
            }
        }

        Set<UUID> driftedIds() {
            return Set.copyOf(
                    drift.stream().map(ReconciliationReport.Drift::productId).toList());
        }

        ReconciliationReport report(Instant checkedAt, Set<UUID> pending) {
            List<ReconciliationReport.Drift> listed = drift.stream()
                    .map(d -> new ReconciliationReport.Drift(
                            d.productId(),
                            d.kind(),
                            d.dashboardVersion(),
                            d.replicaVersion(),
                            pending.contains(d.productId())))
                    .toList();
            return new ReconciliationReport(
                    checkedAt,
                    missing + extra + stale == 0,
                    dashboardProducts,
                    replicaProducts,
                    missing,
                    extra,
                    stale,
                    listed,
                    truncated);
        }

        private void add(UUID id, ReconciliationReport.Kind kind, @Nullable Long ours, @Nullable Long theirs) {
            if (drift.size() < MAX_LISTED) {
                drift.add(new ReconciliationReport.Drift(id, kind, ours, theirs, false));
            } else {
                truncated = true;
            }
        }
    }
}
