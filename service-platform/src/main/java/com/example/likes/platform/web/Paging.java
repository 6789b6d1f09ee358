package com.example.likes.platform.web;

import com.example.likes.platform.error.InvalidInputException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The paging rules of every list endpoint: {@code ?page=0&size=20}, size capped at 100, oldest first. */
public final class Paging {

    public static final int MAX_SIZE = 100;

    /**
     * The largest row offset ({@code page × size}) a list may be asked for: the largest {@code int}, the bound
     * decision 13 documents: a list past it is a 400 naming {@code page}, not an overflow deeper down.
     */
    public static final long MAX_OFFSET = Integer.MAX_VALUE;

    private Paging() {}

    /**
     * A page request ordered by creation time (then id, so that rows created in the same instant keep a stable
     * order). A size above {@link #MAX_SIZE} is capped; a negative page, a size below 1, or a page whose first row
     * lies beyond {@link #MAX_OFFSET} is invalid input that names the parameter. A page or size that is not a whole
     * number, or does not fit an {@code int}, is refused earlier, by parameter binding, with a 400 as well.
     */
    public static PageRequest byCreationTime(int page, int size) {
        if (page < 0) {
            throw InvalidInputException.forField("page", "must be 0 or more");
        }
        if (size < 1) {
            throw InvalidInputException.forField("size", "must be 1 or more");
        }
        int capped = Math.min(size, MAX_SIZE);
        if ((long) page * capped > MAX_OFFSET) {
            throw InvalidInputException.forField(
                    "page", "must be at most %d for a size of %d".formatted(MAX_OFFSET / capped, capped));
        }
        return PageRequest.of(page, capped, Sort.by("createdAt", "id"));
    }
}
