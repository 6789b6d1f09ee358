package com.example.likes.__name__.item;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An item: a name, and when it was created. The example the service was generated with; make it your own. */
@Table("item")
record Item(@Id UUID id, String name, Instant createdAt) {

    /** A new item with a random id, created now. */
    static Item created(String name, Instant now) {
        // PostgreSQL keeps microseconds: truncating here makes the response equal what a later read returns.
        return new Item(UUID.randomUUID(), name, now.truncatedTo(ChronoUnit.MICROS));
    }
}
