package com.example.likes.dashboard.replication;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One product change in the events, as stored in {@code outbox_event}.
 *
 * @param change which rpc of {@code product.v1.ProductReceiverService} carries it
 * @param payload the request message of that rpc, serialised as protobuf
 * @param attempts delivery attempts started so far, this one included when the event was just claimed
 * @param lastError why the last attempt failed, or {@code null}
 * @param failedAt when the event was parked as failed, or {@code null} while it is pending
 */
record ReplicationEvent(
        UUID id,
        UUID productId,
        Change change,
        long productVersion,
        byte[] payload,
        Instant createdAt,
        int attempts,
        @Nullable String lastError,
        @Nullable Instant failedAt) {

    /** The three kinds of change, named as the {@code change} column stores them. */
    enum Change {
        CREATE,
        UPDATE,
        DELETE;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Change ofColumn(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
