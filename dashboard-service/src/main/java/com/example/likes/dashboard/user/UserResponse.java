package com.example.likes.dashboard.user;

import java.time.Instant;
import java.util.UUID;

/** A user as REST returns it. */
record UserResponse(UUID id, Instant createdAt) {

    static UserResponse from(StoredUser user) {
        return new UserResponse(user.id(), user.createdAt());
    }
}
