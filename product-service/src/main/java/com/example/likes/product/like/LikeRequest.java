package com.example.likes.product.like;

/**
 * The body of a like, which has no fields: the user is the caller. The body may be absent or {@code {}}; a field,
 * such as a {@code userId}, is a 400 that names it instead of being ignored, so that a client that still sends one
 * learns that it no longer chooses the user.
 */
record LikeRequest() {}
