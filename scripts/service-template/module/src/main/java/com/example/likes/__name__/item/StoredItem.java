package com.example.likes.__name__.item;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An item as stored (table {@code item}): a name, and when it was created. The example the service was generated
 * with; make it your own. Named apart from the proto message {@code __name__.v1.Item} that {@link ItemGrpcService}
 * builds from it, so that no file needs both under one name.
 */
@Table("item")
record StoredItem(@Id UUID id, String name, Instant createdAt) {

    /** A new item with a random id, created now. */
    static StoredItem created(String name, Instant now) {
        // PostgreSQL keeps microseconds: truncating here makes the response equal what a later read returns.
        return new StoredItem(UUID.randomUUID(), name, now.truncatedTo(ChronoUnit.MICROS));
    }
}
