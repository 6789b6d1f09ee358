package com.example.likes.platform.error;

/**
 * The caller did not say who it is, or said it with a key that no one holds. REST answers 401, gRPC answers
 * {@code UNAUTHENTICATED}. The message never repeats the key that was sent.
 */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
