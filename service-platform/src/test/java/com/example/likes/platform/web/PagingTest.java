package com.example.likes.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.likes.platform.error.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.domain.PageRequest;

class PagingTest {

    @ParameterizedTest(name = "page={0}, size={1}")
    @CsvSource({"101, 100", "501, 20", "10001, 1", "2147483647, 100", "1073741824, 2", "101, 1000000"})
    void aPageBeyondTheOffsetCapIsInvalidAndPointsToTheCursor(int page, int size) {
        assertThatThrownBy(() -> Paging.byCreationTime(page, size))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("page");
                            assertThat(v.message()).contains("cursor");
                        }));
    }

    @Test
    void theDeepestPageWithinTheCapIsAccepted() {
        assertThat(Paging.byCreationTime(100, 100).getOffset()).isEqualTo(10_000);
        assertThat(Paging.byCreationTime(10_000, 1).getOffset()).isEqualTo(10_000);
    }

    @Test
    void negativePagesAndEmptySizesAreInvalid() {
        assertThatThrownBy(() -> Paging.byCreationTime(-1, 20)).hasMessageStartingWith("page:");
        assertThatThrownBy(() -> Paging.byCreationTime(0, 0)).hasMessageStartingWith("size:");
        assertThatThrownBy(() -> Paging.byCreationTime(0, Integer.MIN_VALUE)).hasMessageStartingWith("size:");
    }

    @Test
    void followingNextVisitsEveryRowOnceInOrderAndTheLastPageHasNoNext() {
        Table table = new Table(7);
        List<Row> seen = new ArrayList<>();

        PageResponse<Row> page = Paging.page(0, 3, null, table, Row::position);
        seen.addAll(page.content());
        while (page.page().next() != null) {
            page = Paging.page(0, 3, page.page().next(), table, Row::position);
            seen.addAll(page.content());
        }

        assertThat(seen).isEqualTo(table.rows);
        assertThat(page.page().number()).isNull();
        assertThat(page.page().totalElements()).isNull();
    }

    @Test
    void anOffsetPageCountsTheRowsAndAPageByCursorDoesNot() {
        Table table = new Table(7);

        PageResponse<Row> first = Paging.page(0, 3, null, table, Row::position);
        PageResponse<Row> second = Paging.page(0, 3, first.page().next(), table, Row::position);

        assertThat(first.page().totalElements()).isEqualTo(7);
        assertThat(first.page().totalPages()).isEqualTo(3);
        assertThat(table.counts).hasValue(1);
        assertThat(second.page().totalElements()).isNull();
        assertThat(table.counts).hasValue(1);
    }

    @Test
    void aShortLastPageNeedsNoCount() {
        Table table = new Table(7);

        PageResponse<Row> last = Paging.page(2, 3, null, table, Row::position);

        assertThat(last.content()).hasSize(1);
        assertThat(last.page().totalElements()).isEqualTo(7);
        assertThat(last.page().next()).isNull();
        assertThat(table.counts).hasValue(0);
    }

    @Test
    void aListLongerThanTheCapHasNoTotals() {
        Table table = new Table(3) {
            @Override
            public long countUpTo(int limit) {
                counts.incrementAndGet();
                return limit;
            }
        };

        PageResponse<Row> page = Paging.page(0, 2, null, table, Row::position);

        assertThat(page.page().totalElements()).isNull();
        assertThat(page.page().totalPages()).isNull();
        assertThat(page.page().next()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-cursor", "MTpub3Q6YQ", "Mjox", "%%%"})
    void aCursorThisApiDidNotGiveOutIsInvalidInputNamingTheCursor(String cursor) {
        assertThatThrownBy(() -> Paging.page(0, 3, cursor, new Table(1), Row::position))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .singleElement()
                                .satisfies(v -> assertThat(v.field()).isEqualTo("cursor")));
    }

    @Test
    void aCursorAndAPageTogetherAreInvalid() {
        String cursor = new ListPosition(Instant.EPOCH, new UUID(0, 1)).toCursor();

        assertThatThrownBy(() -> Paging.page(2, 3, cursor, new Table(1), Row::position))
                .hasMessageStartingWith("page:");
    }

    @Test
    void aPositionSurvivesItsCursorToTheMicrosecond() {
        ListPosition position = new ListPosition(Instant.parse("2026-12-07T10:15:30.123456Z"), UUID.randomUUID());

        assertThat(ListPosition.fromCursor(position.toCursor())).isEqualTo(position);
        assertThat(position.toCursor()).matches("[A-Za-z0-9_-]+");
    }

    private record Row(Instant createdAt, UUID id) {
        ListPosition position() {
            return new ListPosition(createdAt, id);
        }
    }

    /** Rows in list order, some created in the same instant, read as a database would. */
    private static class Table implements Paging.Rows<Row> {

        final List<Row> rows = new ArrayList<>();
        final AtomicInteger counts = new AtomicInteger();

        Table(int size) {
            for (int i = 0; i < size; i++) {
                rows.add(new Row(Instant.EPOCH.plusSeconds(i / 2), new UUID(0, 100 - i)));
            }
            rows.sort(Comparator.comparing(Row::createdAt).thenComparing(Row::id));
        }

        @Override
        public List<Row> page(PageRequest request) {
            return rows.stream()
                    .skip(request.getOffset())
                    .limit(request.getPageSize())
                    .toList();
        }

        @Override
        public List<Row> after(ListPosition position, int limit) {
            Comparator<ListPosition> order =
                    Comparator.comparing(ListPosition::createdAt).thenComparing(ListPosition::id);
            return rows.stream()
                    .filter(row -> order.compare(row.position(), position) > 0)
                    .limit(limit)
                    .toList();
        }

        @Override
        public long countUpTo(int limit) {
            counts.incrementAndGet();
            return Math.min(rows.size(), limit);
        }
    }
}
