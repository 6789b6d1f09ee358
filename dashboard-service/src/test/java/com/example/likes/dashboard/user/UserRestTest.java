package com.example.likes.dashboard.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.dashboard.DashboardIntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code /api/users}: each caller registers and reads itself; the editor lists and reads every user. */
class UserRestTest extends DashboardIntegrationTest {

    @Nested
    class Registering {

        @Test
        void postWithoutBodyRegistersTheCallerAndPointsToIt() {
            var created = user("alice")
                    .post()
                    .uri("/api/users")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(UserResponse.class)
                    .returnResult();

            UserResponse user = created.getResponseBody();
            assertThat(user.id()).isEqualTo(idOf("alice"));
            assertThat(user.createdAt()).isNotNull();
            assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/users/" + user.id());
            assertThat(userRows()).isEqualTo(1);
        }

        @Test
        void registeringAgainAnswers200WithTheSameUserAndStoresNoOther() {
            UserResponse first = register("alice");

            user("alice")
                    .post()
                    .uri("/api/users")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .doesNotExist("Location")
                    .expectBody(UserResponse.class)
                    .isEqualTo(first);
            assertThat(userRows()).isEqualTo(1);
        }

        @Test
        void eachSubjectIsAUserOfItsOwn() {
            assertThat(register("alice").id()).isNotEqualTo(register("bob").id());
            assertThat(userRows()).isEqualTo(2);
        }

        @Test
        void postWithEmptyObjectRegisters() {
            user("alice")
                    .post()
                    .uri("/api/users")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.id")
                    .isEqualTo(idOf("alice").toString())
                    .jsonPath("$.createdAt")
                    .isNotEmpty();
        }

        @Test
        void withoutATokenNobodyIsRegistered() {
            rest.post()
                    .uri("/api/users")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(userRows()).isZero();
        }

        @Test
        void unknownFieldIsRejectedAndStoresNothing() {
            user("alice")
                    .post()
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
            user("alice")
                    .post()
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
        void aUserReadsItselfAsRegistered() {
            UserResponse alice = register("alice");

            user("alice")
                    .get()
                    .uri("/api/users/{id}", alice.id())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(UserResponse.class)
                    .isEqualTo(alice);
        }

        @Test
        void theEditorReadsAnyUser() {
            UserResponse alice = register("alice");

            editor().get()
                    .uri("/api/users/{id}", alice.id())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(UserResponse.class)
                    .isEqualTo(alice);
        }

        @Test
        void aUserReadingAnotherIsForbiddenWhetherOrNotThatOneExists() {
            UserResponse bob = register("bob");

            for (UUID other : List.of(bob.id(), UUID.randomUUID())) {
                user("alice")
                        .get()
                        .uri("/api/users/{id}", other)
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.detail")
                        .value(
                                String.class,
                                detail -> assertThat(detail)
                                        .contains(idOf("alice").toString())
                                        .contains("users:read"));
            }
        }

        @Test
        void readingAUserWithoutATokenIsUnauthorized() {
            UserResponse alice = register("alice");

            rest.get()
                    .uri("/api/users/{id}", alice.id())
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueMatches("WWW-Authenticate", "Bearer.*");
        }

        @Test
        void aCallerWhoHasNotRegisteredIsNotFound() {
            user("carol")
                    .get()
                    .uri("/api/users/{id}", idOf("carol"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void unknownIdIsNotFound() {
            UUID unknown = UUID.randomUUID();

            editor().get()
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
            editor().get()
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
            user("alice")
                    .delete()
                    .uri("/api/users/{id}", register("alice").id())
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
            UserResponse first = register("first");
            UserResponse second = register("second");
            UserResponse third = register("third");

            editor().get()
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
            editor().get()
                    .uri("/api/users?page=1&size=2")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.content[*].id")
                    .isEqualTo(List.of(third.id().toString()));
        }

        @Test
        void listingNeedsTheScopeUsersRead() {
            register("alice");

            user("alice")
                    .get()
                    .uri("/api/users")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .valueMatches("WWW-Authenticate", ".*insufficient_scope.*")
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).contains("the scope users:read"));
            rest.get().uri("/api/users").exchange().expectStatus().isUnauthorized();
        }

        @Test
        void defaultsToFirstPageOfTwenty() {
            register("alice");

            editor().get()
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

            editor().get()
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
            editor().get()
                    .uri("/api/users?page=-1")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("page");
            editor().get()
                    .uri("/api/users?size=0")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("size");
            editor().get()
                    .uri("/api/users?size=many")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("size");
        }
    }

    private UserResponse register(String subject) {
        return user(subject)
                .post()
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
