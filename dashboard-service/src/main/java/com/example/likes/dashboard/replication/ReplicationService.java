package com.example.likes.dashboard.replication;

import com.example.likes.platform.error.NotFoundException;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * What an operator does with replication (look at its backlog, list the events parked as failed, retry them), and
 * what reconciliation asks it (which products still have a change on its way).
 */
@Service
public class ReplicationService {

    private final ReplicationRepository events;
    private final ReplicationSender sender;

    ReplicationService(ReplicationRepository events, ReplicationSender sender) {
        this.events = events;
        this.sender = sender;
    }

    ReplicationBacklog backlog() {
        return events.backlog();
    }

    Page<ReplicationEvent> failed(Pageable page) {
        return events.failed(page);
    }

    /**
     * Gives a failed event a fresh set of attempts and delivers it now.
     *
     * @throws NotFoundException when no failed event has this id (it may have been retried and delivered already)
     */
    void retry(UUID id) {
        if (!events.retryFailed(id)) {
            throw new NotFoundException("Failed replication event", id);
        }
        sender.deliverSoon(id);
    }

    /** Of these products, those with a change not delivered yet (pending or parked as failed). */
    public Set<UUID> withUndeliveredChanges(Collection<UUID> productIds) {
        return events.withUndeliveredChanges(productIds);
    }

    /** Gives every failed event a fresh set of attempts; the sender's next poll delivers them. Returns how many. */
    int retryAll() {
        return events.retryAllFailed();
    }
}
