package com.example.likes.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.likes.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagingTest {

    @ParameterizedTest(name = "page={0}, size={1}")
    @CsvSource({"21474837, 100", "2147483647, 100", "1073741824, 2", "21474837, 1000000"})
    void aPageWhoseOffsetOverflowsAnIntIsInvalidAndNamesThePage(int page, int size) {
        assertThatThrownBy(() -> Paging.byCreationTime(page, size))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations())
                                .singleElement()
                                .satisfies(v -> assertThat(v.field()).isEqualTo("page")));
    }

    @Test
    void theLastRepresentablePageIsAccepted() {
        assertThat(Paging.byCreationTime(21474836, 100).getOffset()).isEqualTo(2_147_483_600L);
        assertThat(Paging.byCreationTime(Integer.MAX_VALUE, 1).getOffset()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void negativePagesAndEmptySizesAreInvalid() {
        assertThatThrownBy(() -> Paging.byCreationTime(-1, 20)).hasMessageStartingWith("page:");
        assertThatThrownBy(() -> Paging.byCreationTime(0, 0)).hasMessageStartingWith("size:");
        assertThatThrownBy(() -> Paging.byCreationTime(0, Integer.MIN_VALUE)).hasMessageStartingWith("size:");
    }
}
