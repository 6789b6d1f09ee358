package com.example.likes.dashboard.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.PagingAndSortingRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends ListCrudRepository<User, UUID>, PagingAndSortingRepository<User, UUID> {

    /**
     * The user with this id, read within the caller's transaction when there is one, and otherwise alone: one
     * {@code select} in auto-commit, where Spring Data's default read-only transaction adds a {@code begin} and a
     * {@code commit} to it: two more statements on the path of every {@code GetUser} (what they cost:
     * docs/performance.md, "Measurements behind the code").
     */
    @Override
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<User> findById(UUID id);

    /** The user with the smallest id at or after {@code pivot}: one primary-key index lookup. */
    Optional<User> findFirstByIdGreaterThanEqualOrderByIdAsc(UUID pivot);

    Optional<User> findFirstByOrderByIdAsc();
}
