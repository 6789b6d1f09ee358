package com.example.likes.dashboard.replication;

import com.example.likes.protos.product.v1.ProductChangeResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers the outbox table's events to product-service: the one piece that knows how product changes travel.
 *
 * <p>Right after a change commits, {@link #deliverSoon} sends its event, so that on the happy path product-service
 * has it a few milliseconds later. An event whose attempt failed waits for its retry time ({@link RetrySchedule}:
 * exponential backoff with jitter) and is then taken up by {@link #deliverDue}, which polls the table; so are events
 * whose immediate delivery never happened because the process died or was too busy. Events survive restarts of
 * either service because they live in the dashboard's database until product-service has acknowledged them.
 *
 * <p>Delivery is at least once: an event may arrive twice (a crash after the call and before the row is removed,
 * or a lease that ran out mid-call), and events of one product may arrive out of order. product-service applies a
 * change only if its version is newer than what it holds, so duplicates and late arrivals change nothing.
 *
 * <p>The poll sends what it claims in one call ({@code ApplyProductChanges}, up to {@code batch-size} events): a
 * backlog, such as the one an outage of product-service leaves, then costs one call and one transaction per batch
 * rather than per event, which is what lets a product-service that just started take it in seconds.
 *
 * <p>While product-service is unreachable, the poll sends a single event per round (a probe) instead of whole
 * batches, so that an outage neither floods the log nor burns through every event's attempts; the first success
 * resumes full batches. A change refused as invalid ({@code INVALID_ARGUMENT}) can never succeed and is parked as
 * failed at once; any other failure is retried until {@code max-attempts}, then parked. Parked events wait for an
 * operator ({@link ReplicationService}).
 */
class ReplicationSender {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSender.class);
    private static final Set<Status.Code> UNREACHABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
    private static final Set<Status.Code> ONE_BY_ONE =
            Set.of(Status.Code.UNIMPLEMENTED, Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);

    private final ReplicationRepository events;
    private final ReplicationClient client;
    private final ReplicationProperties properties;
    private final RetrySchedule schedule;
    private final ReplicationMetrics metrics;
    private final Executor deliveries;
    private volatile boolean probing;

    /**
     * @param deliveries runs the calls to product-service; bounded, as it decides how many run at once
     */
    ReplicationSender(
            ReplicationRepository events,
            ReplicationClient client,
            ReplicationProperties properties,
            ReplicationMetrics metrics,
            Executor deliveries) {
        this.events = events;
        this.client = client;
        this.properties = properties;
        this.schedule = properties.retrySchedule();
        this.metrics = metrics;
        this.deliveries = deliveries;
    }

    /** Delivers a just-committed event in the background; leaves it to the poll if the sender is saturated. */
    void deliverSoon(UUID id) {
        try {
            deliveries.execute(() -> events.claimNew(id, properties.lease()).ifPresent(this::attempt));
        } catch (RejectedExecutionException saturated) {
            log.debug("sender saturated; event {} will be delivered by the poll once its lease ends", id);
        }
    }

    /** Delivers the events that are due, batch after batch, until none is left or product-service is unreachable. */
    @Scheduled(fixedDelayString = "${dashboard.replication.poll-interval:500ms}")
    void deliverDue() {
        while (true) {
            int limit = probing ? 1 : properties.batchSize();
            if (probing) {
                client.reconnectIfDisconnected();
            }
            List<ReplicationEvent> claimed = events.claimDue(limit, properties.lease());
            if (claimed.isEmpty()) {
                return;
            }
            List<Outcome> outcomes = attemptInBatches(claimed);
            boolean wasProbing = probing;
            probing = !outcomes.contains(Outcome.DELIVERED) && outcomes.contains(Outcome.UNREACHABLE);
            if (wasProbing && !probing) {
                log.info("product-service is reachable again; delivering the backlog");
            } else if (!wasProbing && probing) {
                log.warn("product-service is unreachable; retrying one event at a time until it answers");
            }
            if (probing || claimed.size() < limit) {
                return;
            }
        }
    }

    /** Sends the claimed events in as few calls as fit under {@link ReplicationClient#MAX_BATCH_BYTES}. */
    private List<Outcome> attemptInBatches(List<ReplicationEvent> claimed) {
        List<Outcome> outcomes = new ArrayList<>();
        List<ReplicationEvent> batch = new ArrayList<>();
        int bytes = 0;
        for (ReplicationEvent event : claimed) {
            int size = ReplicationClient.bytesInBatch(event);
            if (!batch.isEmpty() && bytes + size > ReplicationClient.MAX_BATCH_BYTES) {
                outcomes.addAll(attemptBatch(batch));
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(event);
            bytes += size;
        }
        outcomes.addAll(attemptBatch(batch));
        return outcomes;
    }

    /**
     * Sends events in one call, as a backlog travels best. A product-service that does not know batches
     * (UNIMPLEMENTED: an older one, during a rolling upgrade), refuses this batch as a whole (INVALID_ARGUMENT) or
     * finds it too large (RESOURCE_EXHAUSTED: its message size limit is lower than ours) gets them one call each
     * instead, so that every event still gets a verdict of its own.
     */
    private List<Outcome> attemptBatch(List<ReplicationEvent> claimed) {
        List<ProductChangeResult> results;
        try {
            results = client.deliverAll(claimed);
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (ONE_BY_ONE.contains(code)) {
                log.debug("product-service took no batch ({}); delivering {} events one by one", code, claimed.size());
                return attemptEach(claimed);
            }
            return claimed.stream().map(event -> failed(event, e)).toList();
        } catch (RuntimeException e) {
            log.error("delivering a batch of {} replication events failed", claimed.size(), e);
            return claimed.stream().map(event -> failed(event, e)).toList();
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<UUID, Boolean> delivered = new HashMap<>();
        for (int i = 0; i < claimed.size(); i++) {
            ReplicationEvent event = claimed.get(i);
            ProductChangeResult result = results.get(i);
            if (result.getInvalid().isEmpty()) {
                delivered.put(event.id(), result.getApplied());
                outcomes.add(Outcome.DELIVERED);
            } else {
                failed(event, Status.Code.INVALID_ARGUMENT + ": " + result.getInvalid(), true);
                outcomes.add(Outcome.FAILED);
            }
        }
        events.removeAll(delivered.keySet())
                .forEach((id, sinceCommit) -> metrics.delivered(delivered.get(id), sinceCommit));
        return outcomes;
    }

    private List<Outcome> attemptEach(List<ReplicationEvent> claimed) {
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (ReplicationEvent event : claimed) {
            try {
                running.add(CompletableFuture.supplyAsync(() -> attempt(event), deliveries));
            } catch (RejectedExecutionException saturated) {
                running.add(CompletableFuture.completedFuture(attempt(event)));
            }
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    private Outcome attempt(ReplicationEvent event) {
        try {
            boolean applied = client.deliver(event);
            events.removeAll(List.of(event.id()))
                    .values()
                    .forEach(sinceCommit -> metrics.delivered(applied, sinceCommit));
            return Outcome.DELIVERED;
        } catch (StatusRuntimeException e) {
            return failed(event, e);
        } catch (RuntimeException e) {
            log.error("delivering replication event {} failed", event.id(), e);
            return failed(event, e);
        }
    }

    private Outcome failed(ReplicationEvent event, StatusRuntimeException e) {
        Status status = e.getStatus();
        String error = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        failed(event, error, status.getCode() == Status.Code.INVALID_ARGUMENT);
        return UNREACHABLE.contains(status.getCode()) ? Outcome.UNREACHABLE : Outcome.FAILED;
    }

    private Outcome failed(ReplicationEvent event, RuntimeException e) {
        failed(event, e.toString(), false);
        return Outcome.FAILED;
    }

    private void failed(ReplicationEvent event, String error, boolean permanent) {
        metrics.failed();
        if (permanent || event.attempts() >= properties.maxAttempts()) {
            park(event, error);
            return;
        }
        Duration delay = schedule.delayAfter(event.attempts(), ThreadLocalRandom.current());
        events.reschedule(event, delay, error);
        log.debug(
                "{} of product {} failed ({}); attempt {} in {}",
                event.change(),
                event.productId(),
                error,
                event.attempts() + 1,
                delay);
    }

    private void park(ReplicationEvent event, String error) {
        if (events.park(event, error)) {
            metrics.parked();
            log.warn(
                    "{} of product {} (version {}) parked as failed after {} attempts: {}; retry it with POST "
                            + "/actuator/replication/{} on the management port",
                    event.change(),
                    event.productId(),
                    event.productVersion(),
                    event.attempts(),
                    error,
                    event.id());
        }
    }

    private enum Outcome {
        DELIVERED,
        UNREACHABLE,
        FAILED
    }
}
