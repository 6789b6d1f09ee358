package com.example.likes.dashboard.user;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.NotFoundException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The use cases of users: create, look up, list, pick one at random. */
@Service
public class UserService {

    private final UserRepository users;
    private final JdbcAggregateOperations aggregates;
    private final Clock clock;

    UserService(UserRepository users, JdbcAggregateOperations aggregates, Clock clock) {
        this.users = users;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    @Retryable(
            predicate = TransientFaults.NothingCommitted.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    StoredUser create() {
        // An insert, not a save: the user chose its own id.
        return aggregates.insert(StoredUser.created(clock.instant()));
    }

    /** One user; a single read, so it needs no transaction of its own (see {@link UserRepository#findById}). */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    StoredUser get(UUID id) {
        return users.findById(id).orElseThrow(() -> notFound(id));
    }

    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    Page<StoredUser> list(Pageable page) {
        return users.findAll(page);
    }

    /**
     * A random existing user (kept from the tutorial for demos).
     *
     * @throws NotFoundException when there are no users at all
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional(readOnly = true)
    StoredUser random() {
        return pickAtOrAfter(UUID.randomUUID());
    }

    /**
     * The first user at or after {@code pivot} in id order, wrapping around to the smallest id. Because ids are
     * random UUIDs, a random pivot picks every user with about the same chance, with one index lookup instead
     * of counting or sorting the whole table.
     */
    @Transactional(readOnly = true)
    StoredUser pickAtOrAfter(UUID pivot) {
        return users.findFirstByIdGreaterThanEqualOrderByIdAsc(pivot)
                .or(users::findFirstByOrderByIdAsc)
                .orElseThrow(() -> new NotFoundException("There are no users"));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("User", id);
    }
}
