package com.example.likes.platform.error;

/**
 * The caller tried to create something that exists already. REST answers 409, gRPC answers {@code ALREADY_EXISTS}.
 */
public class AlreadyExistsException extends RuntimeException {

    public AlreadyExistsException(String message) {
        super(message);
    }
}
