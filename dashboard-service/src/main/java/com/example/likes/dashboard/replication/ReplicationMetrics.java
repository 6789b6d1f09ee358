package com.example.likes.dashboard.replication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What replication tells operators, on {@code /actuator/prometheus} and in the health details:
 * <ul>
 *   <li>{@code replication.backlog} (events not delivered yet), {@code replication.failed} (events parked for an
 *       operator) and {@code replication.oldest.age} (seconds since the oldest pending event was committed): gauges
 *       read from the table, at most once a second, so they count what every dashboard instance left there;</li>
 *   <li>{@code replication.events.recorded}, {@code replication.deliveries} by {@code outcome} (applied, ignored:
 *       product-service had it already, failed), {@code replication.events.parked}: counters of this instance;</li>
 *   <li>{@code replication.lag}: the time from a change's commit to its delivery.</li>
 * </ul>
 */
class ReplicationMetrics {

    private static final Duration BACKLOG_CACHE = Duration.ofSeconds(1);

    private final ReplicationRepository events;
    private final Clock clock;
    private final Map<ReplicationEvent.Change, Counter> recorded = new EnumMap<>(ReplicationEvent.Change.class);
    private final Counter applied;
    private final Counter ignored;
    private final Counter failed;
    private final Counter parked;
    private final Timer lag;
    private volatile CachedBacklog cached;

    ReplicationMetrics(ReplicationRepository events, MeterRegistry meters, Clock clock) {
        this.events = events;
        this.clock = clock;
        for (ReplicationEvent.Change change : ReplicationEvent.Change.values()) {
            recorded.put(
                    change,
                    Counter.builder("replication.events.recorded")
                            .description("Product changes written to the outbox table")
                            .tag("change", change.column())
                            .register(meters));
        }
        this.applied = delivery(meters, "applied");
        this.ignored = delivery(meters, "ignored");
        this.failed = delivery(meters, "failed");
        this.parked = Counter.builder("replication.events.parked")
                .description("Events that exhausted their attempts or were refused, parked for an operator")
                .register(meters);
        this.lag = Timer.builder("replication.lag")
                .description("Time from a change's commit to its delivery to product-service")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("replication.backlog", this, m -> m.backlog().pending())
                .description("Events not delivered to product-service yet, failed ones excluded")
                .register(meters);
        Gauge.builder("replication.failed", this, m -> m.backlog().failed())
                .description("Events parked as failed, waiting for an operator to retry them")
                .register(meters);
        Gauge.builder(
                        "replication.oldest.age",
                        this,
                        m -> m.backlog().oldestPendingAge().toMillis() / 1000.0)
                .description("Age of the oldest event not delivered yet")
                .baseUnit("seconds")
                .register(meters);
    }

    void recorded(ReplicationEvent.Change change) {
        recorded.get(change).increment();
    }

    void delivered(boolean wasApplied, Duration sinceCommit) {
        (wasApplied ? applied : ignored).increment();
        lag.record(sinceCommit);
    }

    void failed() {
        failed.increment();
    }

    void parked() {
        parked.increment();
    }

    /** Attempts this instance made, and how many of them failed. */
    long attempts() {
        return (long) (applied.count() + ignored.count() + failed.count());
    }

    long failures() {
        return (long) failed.count();
    }

    /** The backlog as the table holds it, read at most once a second. */
    ReplicationBacklog backlog() {
        CachedBacklog current = cached;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(BACKLOG_CACHE).isBefore(now)) {
            current = new CachedBacklog(events.backlog(), now);
            cached = current;
        }
        return current.backlog();
    }

    private static Counter delivery(MeterRegistry meters, String outcome) {
        return Counter.builder("replication.deliveries")
                .description("Delivery attempts to product-service, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    private record CachedBacklog(ReplicationBacklog backlog, Instant readAt) {}
}
