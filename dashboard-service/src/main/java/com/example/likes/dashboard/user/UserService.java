package com.example.likes.dashboard.user;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.error.PermissionDeniedException;
import com.example.likes.platform.web.ListPosition;
import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.Paging;
import com.example.likes.platform.web.auth.EndUser;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The use cases of users: register the caller, look up, list, pick one at random. */
@Service
public class UserService {

    private final UserRepository users;
    private final Clock clock;
    private final Paging.Rows<StoredUser> rows;

    UserService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.rows = Paging.Rows.of(
                users::findAllBy,
                (after, limit) -> users.findAfter(after.createdAt(), after.id(), limit),
                users::countUpTo);
    }

    /**
     * Registers the caller as a user, once: the user's id is the caller's ({@link EndUser#id()}), so a registration
     * again finds the same user. Safe to repeat, and to retry after a failure.
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    @Transactional
    Registration register(EndUser caller) {
        boolean created = users.insertIfAbsent(caller.id(), StoredUser.truncated(clock.instant()));
        return new Registration(users.findById(caller.id()).orElseThrow(), created);
    }

    /** A user, and whether the registration that found it stored it. */
    record Registration(StoredUser user, boolean created) {}

    /**
     * A user as {@code reader} may see it: a user reads itself; reading another needs {@value UserAccess#USERS_READ}.
     * The permission is checked before the user is looked up, so that a refusal says nothing about who exists.
     *
     * @throws PermissionDeniedException when {@code reader} may not read that user
     * @throws NotFoundException when there is no such user
     */
    StoredUser getAs(EndUser reader, UUID id) {
        if (!id.equals(reader.id()) && !reader.hasScope(UserAccess.USERS_READ)) {
            throw new PermissionDeniedException("You may read your own user (%s) only; another's needs the scope %s"
                    .formatted(reader.id(), UserAccess.USERS_READ));
        }
        return get(id);
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
    PageResponse<StoredUser> list(int page, int size, @Nullable String cursor) {
        return Paging.page(page, size, cursor, rows, user -> new ListPosition(user.createdAt(), user.id()));
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
