package com.example.likes.dashboard.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A user who can like products (table {@code app_user}). Users have no attributes yet beyond their identity.
 * Named apart from the proto message {@code dashboard.v1.User} that {@link UserGrpcService} builds from it, so that
 * no file needs both under one name.
 *
 * @param id random (version 4): that is what makes {@link UserService}'s random pick fair; keep it random
 */
@Table("app_user")
record StoredUser(@Id UUID id, Instant createdAt) {

    /** A new user, created now. */
    static StoredUser created(Instant now) {
        // PostgreSQL keeps microseconds: truncating here makes the response equal what a later read returns.
        return new StoredUser(UUID.randomUUID(), now.truncatedTo(ChronoUnit.MICROS));
    }
}
