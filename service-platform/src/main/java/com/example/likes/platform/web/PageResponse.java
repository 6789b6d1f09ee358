package com.example.likes.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

/**
 * One page of a list as REST returns it: {@code {"content": [...], "page": {"number", "size", "totalElements",
 * "totalPages", "next"}}}. {@code next} is the cursor of the next page ({@code ?cursor=}), absent on the last one.
 * A page asked for by cursor has no {@code number} and no totals; a page asked for by number has totals while the
 * list holds at most {@link Paging#MAX_OFFSET} rows, and none beyond (counting further would read every row).
 */
public record PageResponse<T>(List<T> content, PageMetadata page) {

    /** Where this page sits in the whole list, as far as that is known without reading all of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PageMetadata(
            @Nullable Integer number,
            int size,
            @Nullable Long totalElements,
            @Nullable Integer totalPages,
            @Nullable String next) {}

    /** A page of an operator's list, counted in full (small lists only: the count reads every row). */
    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(
                page.getContent().stream().map(mapper).toList(),
                new PageMetadata(
                        page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages(), null));
    }

    /** The same page with every row turned into what the wire shows. */
    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(content.stream().map(mapper).toList(), page);
    }

    static <T> PageResponse<T> ofOffset(
            PageRequest request, List<T> rows, @Nullable Long total, Function<T, ListPosition> positionOf) {
        boolean more = total == null ? rows.size() == request.getPageSize() : request.getOffset() + rows.size() < total;
        Integer pages = total == null ? null : (int) ((total + request.getPageSize() - 1) / request.getPageSize());
        String next = more && !rows.isEmpty() ? positionOf.apply(rows.getLast()).toCursor() : null;
        return new PageResponse<>(
                rows, new PageMetadata(request.getPageNumber(), request.getPageSize(), total, pages, next));
    }

    /** {@code rows}: up to one more than {@code size}, which only tells whether a next page exists. */
    static <T> PageResponse<T> ofCursor(int size, List<T> rows, Function<T, ListPosition> positionOf) {
        List<T> content = rows.size() > size ? List.copyOf(rows.subList(0, size)) : rows;
        String next = rows.size() > size ? positionOf.apply(content.getLast()).toCursor() : null;
        return new PageResponse<>(content, new PageMetadata(null, size, null, null, next));
    }
}
