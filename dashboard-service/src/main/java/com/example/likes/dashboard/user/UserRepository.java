package com.example.likes.dashboard.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends ListCrudRepository<StoredUser, UUID> {

    /** One page of the list of users, oldest first, without counting the rest. */
    List<StoredUser> findAllBy(Pageable page);

    /** Up to {@code limit} users created after the position ({@code createdAt}, {@code id}), oldest first. */
    @Query("""
            select * from app_user where (created_at, id) > (:createdAt, :id)
            order by created_at, id limit :limit""")
    List<StoredUser> findAfter(Instant createdAt, UUID id, int limit);

    /** How many users there are, counting no further than {@code limit}. */
    @Query("select count(*) from (select 1 from app_user limit :limit) counted")
    long countUpTo(int limit);

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
