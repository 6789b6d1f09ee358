package com.example.likes.dashboard.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.dashboard.DashboardIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class UserRestTest extends DashboardIntegrationTest {

    @Nested
    class Creating {

        @Test
        void postWithoutBodyCreatesUserAndPointsToIt() {
            var created = rest.post()
                    .uri("/api/users")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(UserResponse.class)
                    .returnResult();

            UserResponse user = created.getResponseBody();
            assertThat(user.id()).isNotNull();
            assertThat(user.createdAt()).isNotNull();
            assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/users/" + user.id());
            assertThat(userRows()).isEqualTo(1);
        }

        @Test
        void postWithEmptyObjectCreatesUser() {
            rest.post()
                    .uri("/api/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.id")
                    .isNotEmpty()
                    .jsonPath("$.createdAt")
                    .isNotEmpty();
        }

        @Test
        void unknownFieldIsRejectedAndStoresNothing() {
            rest.post()
                    .uri("/api/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("""
                    {"name": "Ada"}""")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");

            assertThat(userRows()).isZero();
        }

        @Test
        void malformedJsonIsRejectedAndStoresNothing() {
            rest.post()
                    .uri("/api/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).startsWith("malformed JSON"));

            assertThat(userRows()).isZero();
        }
    }

    @Nested
    class Reading {

        @Test
        void getReturnsTheUserAsCreated() {
            UserResponse created = createUser();

            rest.get()
                    .uri("/api/users/{id}", created.id())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(UserResponse.class)
                    .isEqualTo(created);
        }

        @Test
        void unknownIdIsNotFound() {
            UUID unknown = UUID.randomUUID();

            rest.get()
                    .uri("/api/users/{id}", unknown)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(404)
                    .jsonPath("$.detail")
                    .isEqualTo("User " + unknown + " not found");
        }

        @Test
        void malformedIdIsBadRequest() {
            rest.get()
                    .uri("/api/users/not-a-uuid")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("id");
        }

        @Test
        void wrongMethodIsNotAllowed() {
            rest.delete()
                    .uri("/api/users/{id}", createUser().id())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(405)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Nested
    class Listing {

        @Test
        void listsPageByPageInCreationOrder() {
            UserResponse first = createUser();
            UserResponse second = createUser();
            UserResponse third = createUser();

            rest.get()
                    .uri("/api/users?page=0&size=2")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.content[*].id")
                    .isEqualTo(List.of(first.id().toString(), second.id().toString()))
                    .jsonPath("$.page.number")
                    .isEqualTo(0)
                    .jsonPath("$.page.size")
                    .isEqualTo(2)
                    .jsonPath("$.page.totalElements")
                    .isEqualTo(3)
                    .jsonPath("$.page.totalPages")
                    .isEqualTo(2);
            rest.get()
                    .uri("/api/users?page=1&size=2")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.content[*].id")
                    .isEqualTo(List.of(third.id().toString()));
        }

        @Test
        void defaultsToFirstPageOfTwenty() {
            createUser();

            rest.get()
                    .uri("/api/users")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.page.number")
                    .isEqualTo(0)
                    .jsonPath("$.page.size")
                    .isEqualTo(20)
                    .jsonPath("$.content.length()")
                    .isEqualTo(1);
        }

        @Test
        void pageSizeIsCappedAtOneHundred() {
            jdbc.sql(
                            "insert into app_user (id, created_at) select gen_random_uuid(), now() from generate_series(1, 101)")
                    .update();

            rest.get()
                    .uri("/api/users?size=500")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.page.size")
                    .isEqualTo(100)
                    .jsonPath("$.content.length()")
                    .isEqualTo(100)
                    .jsonPath("$.page.totalElements")
                    .isEqualTo(101);
        }

        @Test
        void negativePageOrEmptySizeOrNonNumberIsBadRequest() {
            rest.get()
                    .uri("/api/users?page=-1")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("page");
            rest.get()
                    .uri("/api/users?size=0")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("size");
            rest.get()
                    .uri("/api/users?size=many")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("size");
        }
    }

    private UserResponse createUser() {
        return rest.post()
                .uri("/api/users")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(UserResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private long userRows() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }
}
