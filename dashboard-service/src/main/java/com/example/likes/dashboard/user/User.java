package com.example.likes.dashboard.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** A user who can like products. Users have no attributes yet beyond their identity. */
@Entity
@Table(name = "app_user")
class User {

    // Random (version 4) ids are what makes UserService's random pick fair; keep them random.
    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.RANDOM)
    private UUID id;

    @Column(nullable = false, updatable = false)
    private Instant createdAt;

    protected User() {}

    User(Instant now) {
        // PostgreSQL keeps microseconds: truncating here makes the response equal what a later read returns.
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }
}
