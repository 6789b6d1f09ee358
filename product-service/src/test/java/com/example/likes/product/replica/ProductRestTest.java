package com.example.likes.product.replica;

import static com.example.likes.product.ProductStates.aProduct;
import static com.example.likes.product.ProductStates.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.product.ProductIntegrationTest;
import com.example.likes.protos.product.v1.ProductState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

/** Reading the replica over REST: live products only, paged and oldest first. */
class ProductRestTest extends ProductIntegrationTest {

    private static final Instant DAY_ONE = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void aProductIsServedWithExactlyItsPublicFields() {
        ProductState.Builder lamp = aProduct().setTitle("Desk lamp").setImage("https://images.example.com/lamp.png");
        create(lamp);

        rest.get()
                .uri("/api/products/{id}", lamp.getId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .json("""
                        {"id": "%s", "title": "Desk lamp", "image": "https://images.example.com/lamp.png",
                         "createdAt": "2025-03-01T09:30:00Z", "updatedAt": "2025-03-01T09:30:00Z"}
                        """.formatted(lamp.getId()), JsonCompareMode.STRICT);
    }

    @Test
    void theListShowsLiveProductsOldestFirst() {
        createdAt("Third", DAY_ONE.plusSeconds(30));
        createdAt("First", DAY_ONE.plusSeconds(10));
        createdAt("Second", DAY_ONE.plusSeconds(20));

        rest.get()
                .uri("/api/products")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.content[*].title")
                .isEqualTo(List.of("First", "Second", "Third"))
                .jsonPath("$.page.number")
                .isEqualTo(0)
                .jsonPath("$.page.size")
                .isEqualTo(20)
                .jsonPath("$.page.totalElements")
                .isEqualTo(3);
    }

    @Test
    void aLaterPageContinuesWhereTheFirstEnded() {
        for (int second = 1; second <= 5; second++) {
            createdAt("Product " + second, DAY_ONE.plusSeconds(second));
        }

        rest.get()
                .uri("/api/products?page=1&size=2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.content[*].title")
                .isEqualTo(List.of("Product 3", "Product 4"))
                .jsonPath("$.page.totalElements")
                .isEqualTo(5)
                .jsonPath("$.page.totalPages")
                .isEqualTo(3);
    }

    @Test
    void thePageSizeIsCappedAt100() {
        for (int second = 1; second <= 101; second++) {
            createdAt("Product " + second, DAY_ONE.plusSeconds(second));
        }

        rest.get()
                .uri("/api/products?size=1000")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.content.length()")
                .isEqualTo(100)
                .jsonPath("$.page.size")
                .isEqualTo(100)
                .jsonPath("$.page.totalElements")
                .isEqualTo(101);
    }

    @Test
    void deletedProductsAreNeitherListedNorServed() {
        createdAt("Kept", DAY_ONE.plusSeconds(1));
        String gone = createdAt("Deleted", DAY_ONE.plusSeconds(2));
        delete(gone, 2);

        rest.get()
                .uri("/api/products")
                .exchange()
                .expectBody()
                .jsonPath("$.content[*].title")
                .isEqualTo(List.of("Kept"))
                .jsonPath("$.page.totalElements")
                .isEqualTo(1);
        rest.get().uri("/api/products/{id}", gone).exchange().expectStatus().isNotFound();
    }

    @Test
    void anUnknownProductIsA404Problem() {
        UUID unknown = UUID.randomUUID();

        rest.get()
                .uri("/api/products/{id}", unknown)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.detail")
                .isEqualTo("Product " + unknown + " not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "12345"})
    void aMalformedIdIsA400ProblemNamingTheId(String id) {
        rest.get()
                .uri("/api/products/{id}", id)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id")
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("UUID"));
    }

    @Test
    void aNegativePageIsA400Problem() {
        rest.get()
                .uri("/api/products?page=-1")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("page");
    }

    @Test
    void aPageSizeThatIsNotANumberIsA400Problem() {
        rest.get()
                .uri("/api/products?size=many")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
    }

    private String createdAt(String title, Instant createdAt) {
        ProductState.Builder product =
                aProduct().setTitle(title).setCreateTime(timestamp(createdAt)).setUpdateTime(timestamp(createdAt));
        create(product);
        return product.getId();
    }
}
