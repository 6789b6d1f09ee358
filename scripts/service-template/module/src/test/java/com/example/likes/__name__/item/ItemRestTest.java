package com.example.likes.__name__.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.__name__.__Name__IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code POST /api/items} over the real REST port, against the real database. */
class ItemRestTest extends __Name__IntegrationTest {

    @Nested
    class Create {

        @Test
        void returns201WithTheItemAndItsLocationAndStoresIt() {
            var created = rest.post()
                    .uri("/api/items")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \"Crate of apples\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(ItemResponse.class)
                    .returnResult();

            ItemResponse item = created.getResponseBody();
            assertThat(item.name()).isEqualTo("Crate of apples");
            assertThat(item.createdAt()).isNotNull();
            assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/items/" + item.id());
            assertThat(storedItems()).isEqualTo(1);
        }

        @Test
        void aBlankNameIsA400ProblemNamingTheFieldAndStoresNothing() {
            rest.post()
                    .uri("/api/items")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \" \"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");

            assertThat(storedItems()).isZero();
        }

        @Test
        void aNameWithAControlCharacterIsA400() {
            rest.post()
                    .uri("/api/items")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \"bell\\u0007\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();

            assertThat(storedItems()).isZero();
        }

        @Test
        void anUnknownFieldIsA400() {
            rest.post()
                    .uri("/api/items")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \"Crate of apples\", \"colour\": \"red\"}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();

            assertThat(storedItems()).isZero();
        }

        @Test
        void aBodyThatIsNotJsonIsA415() {
            rest.post()
                    .uri("/api/items")
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Crate of apples")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415);
        }
    }

    private long storedItems() {
        return jdbc.sql("select count(*) from item").query(Long.class).single();
    }
}
