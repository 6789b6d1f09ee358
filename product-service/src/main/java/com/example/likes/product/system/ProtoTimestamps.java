package com.example.likes.product.system;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Turns the {@code google.protobuf.Timestamp}s of the protos this service receives into {@link Instant}s. */
public final class ProtoTimestamps {

    // The range google.protobuf.Timestamp allows (0001-01-01 to 9999-12-31); PostgreSQL's timestamptz covers it.
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private ProtoTimestamps() {}

    /** The instant, or {@code null} when the timestamp lies outside the range its type allows (years 1 to 9999). */
    public static @Nullable Instant toInstant(Timestamp timestamp) {
        if (timestamp.getSeconds() < MIN_SECONDS
                || timestamp.getSeconds() > MAX_SECONDS
                || timestamp.getNanos() < 0
                || timestamp.getNanos() > 999_999_999) {
            return null;
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
