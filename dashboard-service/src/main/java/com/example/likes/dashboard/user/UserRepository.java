package com.example.likes.dashboard.user;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends ListCrudRepository<StoredUser, UUID>, PagingAndSortingRepository<StoredUser, UUID> {

    /**
     * The user with this id, read within the caller's transaction when there is one, and otherwise alone: one
     * {@code select} in auto-commit, where Spring Data's default read-only transaction adds a {@code begin} and a
     * {@code commit} to it: two more statements on the path of every {@code GetUser}.
     */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<StoredUser> findById(UUID id);

    /**
     * Stores a user with this id unless one exists: one statement, so that two registrations at once store one user.
     *
     * @return whether this call stored it
     */
    @Modifying
    @Query("insert into app_user (id, created_at) values (:id, :createdAt) on conflict (id) do nothing")
    boolean insertIfAbsent(UUID id, Instant createdAt);

    /** The user with the smallest id at or after {@code pivot}: one primary-key index lookup. */
    Optional<StoredUser> findFirstByIdGreaterThanEqualOrderByIdAsc(UUID pivot);

    Optional<StoredUser> findFirstByOrderByIdAsc();
}
