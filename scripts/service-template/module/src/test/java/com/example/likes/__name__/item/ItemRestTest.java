package com.example.likes.__name__.item;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.__name__.__Name__IntegrationTest;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code POST /api/items} over the real REST port, against the real database. */
class ItemRestTest extends __Name__IntegrationTest {

    @Nested
    class Create {

        @Test
        void returns201WithTheItemAndItsLocationAndStoresIt() {
            var created = user("alice").post()
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
            user("alice").post()
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
            user("alice").post()
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
            user("alice").post()
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
            user("alice").post()
                    .uri("/api/items")
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("Crate of apples")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415);
        }
    }

    /** A write needs an end user's token: the platform's rule for every service. */
    @Nested
    class WithoutAValidToken {

        @Test
        void aCreateIsA401ProblemAndStoresNothing() {
            rest.post()
                    .uri("/api/items")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \"Crate of apples\"}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueMatches("WWW-Authenticate", "Bearer.*")
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(storedItems()).isZero();
        }

        @Test
        void anExpiredTokenIsA401AndStoresNothing() {
            Date anHourAgo = Date.from(Instant.now().minusSeconds(3600));
            String expired = issuer.sign(issuer.claims("alice").issueTime(anHourAgo).expirationTime(anHourAgo));

            rest.post()
                    .uri("/api/items")
                    .headers(headers -> headers.setBearerAuth(expired))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"name\": \"Crate of apples\"}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();

            assertThat(storedItems()).isZero();
        }
    }

    private long storedItems() {
        return jdbc.sql("select count(*) from item").query(Long.class).single();
    }
}
