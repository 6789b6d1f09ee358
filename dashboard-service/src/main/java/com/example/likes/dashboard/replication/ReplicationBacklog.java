package com.example.likes.dashboard.replication;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The replication backlog at one moment: what the outbox table holds.
 *
 * @param pending events not delivered yet, failed ones excluded
 * @param failed events parked as failed
 * @param oldestPending when the oldest pending event was committed, or {@code null} when none is pending
 * @param now the database's time at that moment
 */
record ReplicationBacklog(
        long pending, long failed, @Nullable Instant oldestPending, Instant now) {

    Duration oldestPendingAge() {
        return oldestPending == null ? Duration.ZERO : Duration.between(oldestPending, now);
    }
}
