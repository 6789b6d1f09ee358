package com.example.likes.platform.error;

/**
 * An entity that the caller named does not exist. REST answers 404, gRPC answers {@code NOT_FOUND}.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String entity, Object id) {
        super("%s %s not found".formatted(entity, id));
    }

    public NotFoundException(String message) {
        super(message);
    }
}
