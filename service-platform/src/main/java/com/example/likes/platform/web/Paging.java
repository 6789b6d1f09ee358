package com.example.likes.platform.web;

import com.example.likes.platform.error.InvalidInputException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The paging rules of every list endpoint, oldest first: {@code ?page=0&size=20} with the size capped at 100 and
 * the offset at {@link #MAX_OFFSET} rows, or {@code ?cursor=...&size=20} from the {@code page.next} of the page
 * before, which costs the same at any depth (decision 41).
 */
public final class Paging {

    public static final int MAX_SIZE = 100;

    /**
     * The most rows a list skips for {@code page}: deeper pages are a 400 that points to the cursor, because an
     * offset makes the database read and drop every row before the page. The count that offset pages carry stops
     * here too.
     */
    public static final int MAX_OFFSET = 10_000;

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
        int capped = cappedSize(size);
        if ((long) page * capped > MAX_OFFSET) {
            throw InvalidInputException.forField(
                    "page",
                    "must be at most %d for a size of %d; to go deeper, follow page.next (?cursor=...)"
                            .formatted(MAX_OFFSET / capped, capped));
        }
        return PageRequest.of(page, capped, Sort.by("createdAt", "id"));
    }

    /**
     * One page of a list as a REST request asks for it: from {@code page} (with the count of rows, up to
     * {@link #MAX_OFFSET}), or after {@code cursor} (without a count). Every page but the last carries the cursor
     * of the next one. Run it in one read-only transaction, so that the rows and their count agree.
     *
     * @param rows how to read the list's rows
     * @param positionOf where a row sits in the list
     */
    public static <E> PageResponse<E> page(
            int page, int size, @Nullable String cursor, Rows<E> rows, Function<E, ListPosition> positionOf) {
        if (cursor == null) {
            PageRequest request = byCreationTime(page, size);
            List<E> content = rows.page(request);
            boolean lastPage = content.size() < request.getPageSize() && (page == 0 || !content.isEmpty());
            long counted = lastPage ? request.getOffset() + content.size() : rows.countUpTo(MAX_OFFSET + 1);
            return PageResponse.ofOffset(request, content, counted > MAX_OFFSET ? null : counted, positionOf);
        }
        if (page != 0) {
            throw InvalidInputException.forField("page", "cannot be combined with cursor");
        }
        ListPosition after = ListPosition.fromCursor(cursor);
        int capped = cappedSize(size);
        return PageResponse.ofCursor(capped, rows.after(after, capped + 1), positionOf);
    }

    private static int cappedSize(int size) {
        if (size < 1) {
            throw InvalidInputException.forField("size", "must be 1 or more");
        }
        return Math.min(size, MAX_SIZE);
    }

    /**
     * How a list's rows are read, oldest first (creation time, then id): each method one query that an index on
     * {@code (created_at, id)} serves.
     *
     * @param <E> a row
     */
    public interface Rows<E> {

        /** The rows of an offset page. */
        List<E> page(PageRequest request);

        /** Up to {@code limit} rows after {@code position}. */
        List<E> after(ListPosition position, int limit);

        /** How many rows the list holds, counting no further than {@code limit}. */
        long countUpTo(int limit);

        /** The three queries, as functions (usually repository methods). */
        static <E> Rows<E> of(
                Function<PageRequest, List<E>> page,
                BiFunction<ListPosition, Integer, List<E>> after,
                IntToLongFunction countUpTo) {
            return new Rows<>() {
                @Override
                public List<E> page(PageRequest request) {
                    return page.apply(request);
                }

                @Override
                public List<E> after(ListPosition position, int limit) {
                    return after.apply(position, limit);
                }

                @Override
                public long countUpTo(int limit) {
                    return countUpTo.applyAsLong(limit);
                }
            };
        }
    }
}
