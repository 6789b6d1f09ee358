package com.example.likes.dashboard.outbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outbox at one moment.
 *
 * @param pending events not delivered yet, failed ones excluded
 * @param failed events parked as failed
 * @param oldestPending when the oldest pending event was committed, or {@code null} when none is pending
 * @param now the database's time at that moment
 */
record OutboxBacklog(long pending, long failed, @Nullable Instant oldestPending, Instant now) {

    Duration oldestPendingAge() {
        return oldestPending == null ? Duration.ZERO : Duration.between(oldestPending, now);
    }
}
