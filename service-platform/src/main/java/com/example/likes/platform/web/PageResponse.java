package com.example.likes.platform.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * One page of a list as REST returns it: {@code {"content": [...], "page": {"number", "size", "totalElements",
 * "totalPages"}}}.
 */
public record PageResponse<T>(List<T> content, PageMetadata page) {

    /** Where this page sits in the whole list. */
    public record PageMetadata(int number, int size, long totalElements, int totalPages) {}

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(
                page.getContent().stream().map(mapper).toList(),
                new PageMetadata(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
    }
}
