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
 * @param id the name-based id of the token's issuer and subject ({@code EndUser#idOf}), or a random one for a user made
 *     before users registered themselves: uniformly spread either way, which is what makes {@link UserService}'s
 *     random pick fair
 */
@Table("app_user")
record StoredUser(@Id UUID id, Instant createdAt) {

    /** PostgreSQL keeps microseconds: truncating here makes a response equal what a later read returns. */
    static Instant truncated(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }
}
