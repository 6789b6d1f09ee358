package com.example.likes.dashboard.user;

/**
 * The body of {@code POST /api/users}: empty, or {@code {}}. The user is the caller, and has nothing to set yet;
 * declaring the body still makes an unknown field a 400 instead of being silently ignored.
 */
record CreateUserRequest() {}
