package com.example.likes.dashboard.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A user who can like products. Users have no attributes yet beyond their identity.
 *
 * @param id random (version 4): that is what makes {@link UserService}'s random pick fair; keep it random
 */
@Table("app_user")
record User(@Id UUID id, Instant createdAt) {

    /** A new user, created now. */
    static User created(Instant now) {
        // PostgreSQL keeps microseconds: truncating here makes the response equal what a later read returns.
        return new User(UUID.randomUUID(), now.truncatedTo(ChronoUnit.MICROS));
    }
}
