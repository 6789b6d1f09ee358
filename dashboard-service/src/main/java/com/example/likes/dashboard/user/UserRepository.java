package com.example.likes.dashboard.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserRepository extends JpaRepository<User, UUID> {

    /** The user with the smallest id at or after {@code pivot}: one primary-key index lookup. */
    Optional<User> findFirstByIdGreaterThanEqualOrderByIdAsc(UUID pivot);

    Optional<User> findFirstByOrderByIdAsc();
}
