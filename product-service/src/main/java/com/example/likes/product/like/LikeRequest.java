package com.example.likes.product.like;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The body of a like; without a {@code userId} (or without a body) a random user of the dashboard's likes. */
record LikeRequest(@Nullable UUID userId) {}
