package com.example.likes.platform.error;

/**
 * An entity that the caller named does not exist. REST answers 404, gRPC answers {@code NOT_FOUND}.
 */
public class NotFoundException extends RuntimeException {

    /**
     * The one wording every service uses, {@code "Product 3f2c… not found"}: it is the {@code detail} of the 404 and
     * the description of {@code NOT_FOUND}.
     *
     * @param entity what was looked for, capitalised as the sentence starts with it ({@code "Product"})
     */
    public NotFoundException(String entity, Object id) {
        super("%s %s not found".formatted(entity, id));
    }

    /** @param message a whole sentence, capitalised, for a lookup without an id ({@code "There are no users"}) */
    public NotFoundException(String message) {
        super(message);
    }
}
