package com.example.likes.platform.web;

import com.example.likes.platform.error.InvalidInputException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The paging rules of every list endpoint: {@code ?page=0&size=20}, size capped at 100, oldest first. */
public final class Paging {

    public static final int MAX_SIZE = 100;

    private Paging() {}

    /**
     * A page request ordered by creation time (then id, so that rows created in the same instant keep a stable
     * order). A size above {@link #MAX_SIZE} is capped; a negative page or a size below 1 is invalid input.
     */
    public static PageRequest byCreationTime(int page, int size) {
        if (page < 0) {
            throw InvalidInputException.forField("page", "must be 0 or more");
        }
        if (size < 1) {
            throw InvalidInputException.forField("size", "must be 1 or more");
        }
        return PageRequest.of(page, Math.min(size, MAX_SIZE), Sort.by("createdAt", "id"));
    }
}
