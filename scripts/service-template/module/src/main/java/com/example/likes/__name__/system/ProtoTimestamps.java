package com.example.likes.__name__.system;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Turns {@link Instant}s into the {@code google.protobuf.Timestamp}s of the protos this service sends. */
public final class ProtoTimestamps {

    private ProtoTimestamps() {}

    public static Timestamp of(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
