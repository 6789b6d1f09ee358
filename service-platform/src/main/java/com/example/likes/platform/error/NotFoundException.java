package com.example.likes.platform.error;

import org.jspecify.annotations.Nullable;

/**
 * An entity that the caller named does not exist. REST answers 404, gRPC answers {@code NOT_FOUND}; over gRPC the
 * answer also says which entity, as a {@code google.rpc.ResourceInfo} ({@code resource_type} = {@link #entity()},
 * {@code resource_name} = the id), so that a caller that named several can tell which one is unknown without reading
 * the description.
 */
public class NotFoundException extends RuntimeException {

    private final @Nullable String entity;
    private final @Nullable String id;

    /**
     * The one wording every service uses, {@code "Product 3f2c… not found"}: it is the {@code detail} of the 404 and
     * the description of {@code NOT_FOUND}.
     *
     * @param entity what was looked for, capitalised as the sentence starts with it ({@code "Product"})
     */
    public NotFoundException(String entity, Object id) {
        this(entity, id, "%s %s not found".formatted(entity, id));
    }

    /**
     * An entity that was not found, with a sentence of its own that says what the caller can do about it.
     *
     * @param message a whole sentence, capitalised, that names the entity and its id
     */
    public NotFoundException(String entity, Object id, String message) {
        super(message);
        this.entity = entity;
        this.id = id.toString();
    }

    /** @param message a whole sentence, capitalised, for a lookup without an id ({@code "There are no users"}) */
    public NotFoundException(String message) {
        super(message);
        this.entity = null;
        this.id = null;
    }

    /** What was looked for ({@code "Product"}), or {@code null} for a lookup without an id. */
    public @Nullable String entity() {
        return entity;
    }

    /** The id that was looked for, or {@code null} for a lookup without an id. */
    public @Nullable String id() {
        return id;
    }
}
