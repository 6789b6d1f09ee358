package com.example.likes.platform.error;

/** The caller is known but may not do this. REST answers 403, gRPC answers {@code PERMISSION_DENIED}. */
public class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String message) {
        super(message);
    }
}
