package com.example.likes.__name__.item;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.NotFoundException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The use cases of items: create one, look one up. REST and gRPC both delegate here. */
@Service
class ItemService {

    private final ItemRepository items;
    private final JdbcAggregateOperations aggregates;
    private final Clock clock;

    ItemService(ItemRepository items, JdbcAggregateOperations aggregates, Clock clock) {
        this.items = items;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    // Retried once when the database fault provably wrote nothing (decision 13).
    @Retryable(
            predicate = TransientFaults.NothingCommitted.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    StoredItem create(String name) {
        // An insert, not a save: the item chose its own id.
        return aggregates.insert(StoredItem.created(name, clock.instant()));
    }

    /**
     * One item.
     *
     * @throws NotFoundException when there is no item with this id
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    StoredItem get(UUID id) {
        return items.findById(id).orElseThrow(() -> new NotFoundException("Item", id));
    }
}
