package com.example.likes.product.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.product.ProductIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** {@code POST /api/products/{id}/like}: recorded here, counted by the (fake) dashboard. */
class LikeProductTest extends ProductIntegrationTest {

    @Nested
    class WhenTheDashboardAnswers {

        @Test
        void aLikeIsRecordedAndAnsweredWithTheDashboardsCount() {
            UUID product = givenProduct(41);
            UUID user = dashboard.givenUser();

            like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.productId")
                    .isEqualTo(product.toString())
                    .jsonPath("$.userId")
                    .isEqualTo(user.toString())
                    .jsonPath("$.likes")
                    .isEqualTo(42);

            assertThat(dashboard.likesOf(product)).isEqualTo(42);
            assertThat(likesRecordedFor(product)).isEqualTo(1);
            // The fake answers only calls that present product-service's key.
            assertThat(dashboard.refusedCalls()).isZero();
        }

        @Test
        void aLikeThatNamesItsUserAsksTheDashboardOnlyToCountIt() {
            UUID product = givenProduct(0);

            like(product, "{\"userId\": \"%s\"}".formatted(dashboard.givenUser()))
                    .expectStatus()
                    .isOk();

            assertThat(dashboard.getUserCalls()).isZero();
            assertThat(dashboard.likeProductCalls()).isEqualTo(1);
        }

        @Test
        void aLikeWithoutAUserAsksTheDashboardForOneAndThenCountsIt() {
            UUID product = givenProduct(0);
            dashboard.givenUser();

            rest.post()
                    .uri("/api/products/{id}/like", product)
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(dashboard.getUserCalls()).isEqualTo(1);
            assertThat(dashboard.likeProductCalls()).isEqualTo(1);
            assertThat(likesRecordedFor(product)).isEqualTo(1);
        }

        @Test
        void aCountAbove2To31IsAnsweredAsAJsonNumber() {
            UUID product = givenProduct(3_000_000_000L);
            UUID user = dashboard.givenUser();

            String body = like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(body).contains("\"likes\":3000000001");
        }

        @Test
        void withoutABodyARandomUserOfTheDashboardsLikes() {
            UUID product = givenProduct(0);
            UUID onlyUser = dashboard.givenUser();

            rest.post()
                    .uri("/api/products/{id}/like", product)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.userId")
                    .isEqualTo(onlyUser.toString());
        }

        @Test
        void withAnEmptyJsonBodyARandomUserOfTheDashboardsLikes() {
            UUID product = givenProduct(0);
            UUID onlyUser = dashboard.givenUser();

            like(product, "")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.userId")
                    .isEqualTo(onlyUser.toString());
        }

        @Test
        void withoutAUserIdARandomUserOfTheDashboardsLikes() {
            UUID product = givenProduct(0);
            UUID onlyUser = dashboard.givenUser();

            like(product, "{}")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.userId")
                    .isEqualTo(onlyUser.toString());
        }

        @Test
        void likingTwiceIsAConflictThatTheDashboardIsNeverAskedToCount() {
            UUID product = givenProduct(0);
            UUID user = dashboard.givenUser();
            like(product, "{\"userId\": \"%s\"}".formatted(user)).expectStatus().isOk();

            like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("You already liked this product");

            assertThat(dashboard.likeProductCalls()).isEqualTo(1);
            assertThat(dashboard.likesOf(product)).isEqualTo(1);
            assertThat(likesRecordedFor(product)).isEqualTo(1);
        }

        @Test
        void concurrentLikesByDistinctUsersAreAllRecordedAndCounted() throws Exception {
            UUID product = givenProduct(0);
            List<UUID> users =
                    IntStream.range(0, 25).mapToObj(i -> dashboard.givenUser()).toList();

            List<HttpStatus> statuses;
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpStatus>> answers = users.stream()
                        .map(user -> threads.submit(
                                () -> HttpStatus.valueOf(like(product, "{\"userId\": \"%s\"}".formatted(user))
                                        .returnResult()
                                        .getStatus()
                                        .value())))
                        .toList();
                statuses = answers.stream().map(LikeProductTest::resultOf).toList();
            }

            assertThat(statuses).containsOnly(HttpStatus.OK);
            assertThat(likesRecordedFor(product)).isEqualTo(25);
            assertThat(dashboard.likesOf(product)).isEqualTo(25);
        }

        @Test
        void aSingleUnavailableAnswerIsRetriedWithoutTheCallerNoticing() {
            UUID product = givenProduct(0);
            UUID user = dashboard.givenUser();
            dashboard.answerUnavailable(1);

            like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.likes")
                    .isEqualTo(1);

            assertThat(dashboard.likeProductCalls()).isEqualTo(2);
            assertThat(dashboard.likesOf(product)).isEqualTo(1);
        }
    }

    @Nested
    class WhenTheLikeIsRefused {

        @Test
        void anUnknownProductIs404AndTheDashboardIsNotAsked() {
            UUID unknown = UUID.randomUUID();

            like(unknown, "{\"userId\": \"%s\"}".formatted(dashboard.givenUser()))
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Product " + unknown + " not found");

            assertThat(dashboard.getUserCalls()).isZero();
            assertThat(dashboard.likeProductCalls()).isZero();
        }

        @Test
        void aDeletedProductIs404() {
            UUID product = givenProduct(0);
            delete(product.toString(), 2);

            like(product, "{\"userId\": \"%s\"}".formatted(dashboard.givenUser()))
                    .expectStatus()
                    .isNotFound();

            assertThat(dashboard.likeProductCalls()).isZero();
        }

        @Test
        void anUnknownUserIs404AndNothingIsCounted() {
            UUID product = givenProduct(0);
            UUID stranger = UUID.randomUUID();

            like(product, "{\"userId\": \"%s\"}".formatted(stranger))
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("User " + stranger + " not found");

            assertThat(dashboard.likesOf(product)).isZero();
            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void aProductTheDashboardNoLongerHasIs404AndNothingIsRecorded() {
            // Deleted on the dashboard; the deletion has not reached the replica yet.
            UUID product = givenProduct(0);
            dashboard.forgetProduct(product);

            like(product, "{\"userId\": \"%s\"}".formatted(dashboard.givenUser()))
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Product " + product + " not found");

            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void withoutAUserAnUnknownProductIs404AndTheDashboardIsNotAsked() {
            dashboard.givenUser();

            rest.post()
                    .uri("/api/products/{id}/like", UUID.randomUUID())
                    .exchange()
                    .expectStatus()
                    .isNotFound();

            assertThat(dashboard.getUserCalls()).isZero();
            assertThat(dashboard.likeProductCalls()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"not-a-uuid\"", "\"1-1-1-1-1\"", "42", "true", "[]"})
        void aMalformedUserIdIs400NamingTheField(String userId) {
            UUID product = givenProduct(0);

            like(product, "{\"userId\": %s}".formatted(userId))
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("userId");

            assertThat(dashboard.getUserCalls()).isZero();
        }

        @Test
        void aMalformedProductIdIs400AndTheDashboardIsNotAsked() {
            rest.post()
                    .uri("/api/products/1-1-1-1-1/like")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("id");

            assertThat(dashboard.getUserCalls()).isZero();
        }

        @Test
        void anUnknownFieldIs400NamingTheField() {
            UUID product = givenProduct(0);

            like(product, "{\"userId\": \"%s\", \"likes\": 1000}".formatted(dashboard.givenUser()))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("likes")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("is not a known field");

            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void malformedJsonIs400() {
            UUID product = givenProduct(0);

            like(product, "{\"userId\": ")
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(dashboard.getUserCalls()).isZero();
        }

        @Test
        void getOnTheLikePathIs405() {
            UUID product = givenProduct(0);

            rest.get()
                    .uri("/api/products/{id}/like", product)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        }
    }

    @Nested
    class WhenTheDashboardIsUnreachable {

        @Test
        void anUnavailableDashboardIs503WithRetryAfterAndNoLikeIsRecorded() {
            UUID product = givenProduct(0);
            UUID user = dashboard.givenUser();
            dashboard.answerUnavailable();

            like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader()
                    .exists(HttpHeaders.RETRY_AFTER)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(likesRecordedFor(product)).isZero();
            assertThat(dashboard.likesOf(product)).isZero();

            dashboard.answerNormally();
            like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.likes")
                    .isEqualTo(1);
            assertThat(likesRecordedFor(product)).isEqualTo(1);
        }

        @Test
        void aRateLimitedDashboardIs429WithTheRetryAfterItAskedForAndNoLikeIsRecorded() {
            UUID product = givenProduct(0);
            UUID user = dashboard.givenUser();
            dashboard.answerRateLimited(Duration.ofSeconds(7));

            like(product, "{\"userId\": \"%s\"}".formatted(user))
                    .expectStatus()
                    .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader()
                    .valueEquals(HttpHeaders.RETRY_AFTER, "7")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.grpcStatus")
                    .isEqualTo("RESOURCE_EXHAUSTED");

            assertThat(likesRecordedFor(product)).isZero();
            assertThat(dashboard.likeProductCalls())
                    .as("RESOURCE_EXHAUSTED is not retried")
                    .isEqualTo(1);
        }

        @Test
        void aDashboardThatFailsWhileCountingLeavesNoLikeRecorded() {
            UUID product = givenProduct(0);
            dashboard.givenUser();
            // GetUser picks the random user; LikeProduct and both of its retries find the dashboard unavailable.
            dashboard.answerUnavailableAfter(1);

            rest.post()
                    .uri("/api/products/{id}/like", product)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

            assertThat(dashboard.getUserCalls()).isEqualTo(1);
            assertThat(dashboard.likeProductCalls()).isEqualTo(3);
            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void aStoppedDashboardIs503AndTheSameLikeSucceedsOnceItIsBack() {
            UUID product = givenProduct(0);
            UUID user = dashboard.givenUser();
            dashboard.stop();
            try {
                like(product, "{\"userId\": \"%s\"}".formatted(user))
                        .expectStatus()
                        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER);
                assertThat(likesRecordedFor(product)).isZero();
            } finally {
                dashboard.restart();
            }

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> like(product, "{\"userId\": \"%s\"}".formatted(user))
                            .expectStatus()
                            .isOk());
            assertThat(likesRecordedFor(product)).isEqualTo(1);
        }
    }

    private ResponseSpec like(UUID product, String json) {
        return rest.post()
                .uri("/api/products/{id}/like", product)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange();
    }

    private long likesRecordedFor(UUID product) {
        return jdbc.sql("select count(*) from product_like where product_id = ?")
                .param(product)
                .query(Long.class)
                .single();
    }

    private static <T> T resultOf(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
