package com.example.likes.__name__.item;

import java.time.Instant;
import java.util.UUID;

/** An item as REST returns it. */
record ItemResponse(UUID id, String name, Instant createdAt) {

    static ItemResponse from(StoredItem item) {
        return new ItemResponse(item.id(), item.name(), item.createdAt());
    }
}
