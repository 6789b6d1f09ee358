package com.example.likes.dashboard.outbox;

import com.example.likes.platform.error.NotFoundException;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * What an operator does with the outbox (look at its backlog, list the events parked as failed, retry them), and
 * what reconciliation asks it (which products still have a change on its way).
 */
@Service
public class OutboxService {

    private final OutboxRepository outbox;
    private final OutboxRelay relay;

    OutboxService(OutboxRepository outbox, OutboxRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    OutboxBacklog backlog() {
        return outbox.backlog();
    }

    Page<OutboxEvent> failed(Pageable page) {
        return outbox.failed(page);
    }

    /**
     * Gives a failed event a fresh set of attempts and delivers it now.
     *
     * @throws NotFoundException when no failed event has this id (it may have been retried and delivered already)
     */
    void retry(UUID id) {
        if (!outbox.retryFailed(id)) {
            throw new NotFoundException("Failed outbox event", id);
        }
        relay.deliverSoon(id);
    }

    /** Of these products, those with a change not delivered yet (pending or parked as failed). */
    public Set<UUID> withUndeliveredChanges(Collection<UUID> productIds) {
        return outbox.withUndeliveredChanges(productIds);
    }

    /** Gives every failed event a fresh set of attempts; the relay's next poll delivers them. Returns how many. */
    int retryAll() {
        return outbox.retryAllFailed();
    }
}
