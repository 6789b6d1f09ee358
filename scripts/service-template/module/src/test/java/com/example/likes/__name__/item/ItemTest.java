package com.example.likes.__name__.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.__name__.system.ProtoTimestamps;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unit tests of an item and its two views (REST and proto), without Spring or a database. */
class ItemTest {

    private static final Instant NANOSECONDS = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void anItemKeepsItsCreationTimeToTheMicrosecondAsPostgresqlDoes() {
        StoredItem item = StoredItem.created("Crate of apples", NANOSECONDS);

        assertThat(item.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void theRestViewShowsTheNameAndCreationTime() {
        StoredItem item = StoredItem.created("Crate of apples", NANOSECONDS);

        ItemResponse response = ItemResponse.from(item);

        assertThat(response.name()).isEqualTo("Crate of apples");
        assertThat(response.createdAt()).isEqualTo(item.createdAt());
    }

    @Test
    void theProtoTimestampKeepsSecondsAndNanoseconds() {
        var timestamp = ProtoTimestamps.of(NANOSECONDS);

        assertThat(timestamp.getSeconds()).isEqualTo(NANOSECONDS.getEpochSecond());
        assertThat(timestamp.getNanos()).isEqualTo(123_456_789);
    }
}
