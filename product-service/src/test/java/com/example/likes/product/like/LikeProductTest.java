package com.example.likes.product.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.product.ProductIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** {@code POST /api/products/{id}/like}: the caller's like, recorded here, counted by the (fake) dashboard. */
class LikeProductTest extends ProductIntegrationTest {

    @Nested
    class WhenTheDashboardAnswers {

        @Test
        void aLikeIsTheCallersAndIsAnsweredWithTheDashboardsCount() {
            UUID product = givenProduct(41);
            UUID alice = dashboard.givenUser(idOf("alice"));

            like("alice", product, "")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.productId")
                    .isEqualTo(product.toString())
                    .jsonPath("$.userId")
                    .isEqualTo(alice.toString())
                    .jsonPath("$.likes")
                    .isEqualTo(42);

            assertThat(dashboard.likesOf(product)).isEqualTo(42);
            assertThat(likesRecordedFor(product)).isEqualTo(1);
            // The fake answers only calls that present product-service's key.
            assertThat(dashboard.refusedCalls()).isZero();
        }

        @Test
        void aLikeAsksTheDashboardOnlyToCountIt() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));

            like("alice", product, "").expectStatus().isOk();

            assertThat(dashboard.likeProductCalls()).isEqualTo(1);
        }

        @Test
        void aCountAbove2To31IsAnsweredAsAJsonNumber() {
            UUID product = givenProduct(3_000_000_000L);
            dashboard.givenUser(idOf("alice"));

            String body = like("alice", product, "")
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(body).contains("\"likes\":3000000001");
        }

        @Test
        void withoutABodyTheCallerLikes() {
            UUID product = givenProduct(0);
            UUID alice = dashboard.givenUser(idOf("alice"));

            user("alice")
                    .post()
                    .uri("/api/products/{id}/like", product)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.userId")
                    .isEqualTo(alice.toString());
        }

        @Test
        void withAnEmptyJsonObjectTheCallerLikes() {
            UUID product = givenProduct(0);
            UUID alice = dashboard.givenUser(idOf("alice"));

            like("alice", product, "{}")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.userId")
                    .isEqualTo(alice.toString());
        }

        @Test
        void twoCallersEachLikeForThemselves() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));
            dashboard.givenUser(idOf("bob"));

            like("alice", product, "")
                    .expectBody()
                    .jsonPath("$.userId")
                    .isEqualTo(idOf("alice").toString());
            like("bob", product, "").expectBody().jsonPath("$.likes").isEqualTo(2);

            assertThat(dashboard.likesOf(product)).isEqualTo(2);
        }

        @Test
        void likingTwiceIsAConflictThatTheDashboardIsNeverAskedToCount() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));
            like("alice", product, "").expectStatus().isOk();

            like("alice", product, "")
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
            List<String> users =
                    IntStream.range(0, 25).mapToObj(i -> "user-" + i).toList();
            users.forEach(user -> dashboard.givenUser(idOf(user)));

            List<HttpStatus> statuses;
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpStatus>> answers = users.stream()
                        .map(user -> threads.submit(() -> likeUntilAdmitted(user, product)))
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
            dashboard.givenUser(idOf("alice"));
            dashboard.answerUnavailable(1);

            like("alice", product, "")
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
        void withoutATokenIs401AndNothingIsCountedOrAsked() {
            UUID product = givenProduct(0);

            rest.post()
                    .uri("/api/products/{id}/like", product)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(dashboard.likeProductCalls()).isZero();
            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void anExpiredForeignWrongAudienceOrForgedTokenIs401AndNothingIsCountedOrAsked() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));
            Date anHourAgo = Date.from(Instant.now().minusSeconds(3600));

            for (String token : List.of(
                    issuer.sign(issuer.claims("alice").issueTime(anHourAgo).expirationTime(anHourAgo)),
                    issuer.sign(issuer.claims("alice").issuer("https://login.example.com/")),
                    issuer.sign(issuer.claims("alice").audience("another-api")),
                    issuer.signWithAnUnpublishedKey(issuer.claims("alice")))) {
                like(withToken(token), product, "")
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .valueMatches(HttpHeaders.WWW_AUTHENTICATE, ".*invalid_token.*");
            }

            assertThat(dashboard.likeProductCalls()).isZero();
            assertThat(likesRecordedFor(product)).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"another", "caller", "\"not-a-uuid\"", "42", "null"})
        void aBodyThatNamesAUserIs400NamingTheFieldAndNothingIsCounted(String userId) {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));
            dashboard.givenUser(idOf("bob"));
            String named = switch (userId) {
                case "another" -> "\"%s\"".formatted(idOf("bob"));
                case "caller" -> "\"%s\"".formatted(idOf("alice"));
                default -> userId;
            };

            like("alice", product, "{\"userId\": %s}".formatted(named))
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("userId");

            assertThat(dashboard.likeProductCalls()).isZero();
            assertThat(dashboard.likesOf(product)).isZero();
            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void anUnknownProductIs404AndTheDashboardIsNotAsked() {
            UUID unknown = UUID.randomUUID();
            dashboard.givenUser(idOf("alice"));

            like("alice", unknown, "")
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Product " + unknown + " not found");

            assertThat(dashboard.likeProductCalls()).isZero();
        }

        @Test
        void aDeletedProductIs404() {
            UUID product = givenProduct(0);
            delete(product.toString(), 2);
            dashboard.givenUser(idOf("alice"));

            like("alice", product, "").expectStatus().isNotFound();

            assertThat(dashboard.likeProductCalls()).isZero();
        }

        @Test
        void aCallerWhoHasNotRegisteredIs404SayingHowToRegisterAfterOneCallAndNothingIsCounted() {
            UUID product = givenProduct(0);

            like("stranger", product, "")
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("User " + idOf("stranger")
                            + " not found: register first with POST /api/users on the dashboard, with the same token");

            assertThat(dashboard.likeProductCalls()).isEqualTo(1);
            assertThat(dashboard.likesOf(product)).isZero();
            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void aProductTheDashboardNoLongerHasIs404AfterOneCallAndNothingIsRecorded() {
            // Deleted on the dashboard; the deletion has not reached the replica yet.
            UUID product = givenProduct(0);
            dashboard.forgetProduct(product);
            dashboard.givenUser(idOf("alice"));

            like("alice", product, "")
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Product " + product + " not found");

            assertThat(dashboard.likeProductCalls()).isEqualTo(1);
            assertThat(likesRecordedFor(product)).isZero();
        }

        @Test
        void aMalformedProductIdIs400AndTheDashboardIsNotAsked() {
            user("alice")
                    .post()
                    .uri("/api/products/1-1-1-1-1/like")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("id");

            assertThat(dashboard.likeProductCalls()).isZero();
        }

        @Test
        void anUnknownFieldIs400NamingTheField() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));

            like("alice", product, "{\"likes\": 1000}")
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

            like("alice", product, "{\"userId\": ")
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(dashboard.likeProductCalls()).isZero();
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
            dashboard.givenUser(idOf("alice"));
            dashboard.answerUnavailable();

            like("alice", product, "")
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader()
                    .exists(HttpHeaders.RETRY_AFTER)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);

            assertThat(likesRecordedFor(product)).isZero();
            assertThat(dashboard.likesOf(product)).isZero();
            assertThat(dashboard.likeProductCalls())
                    .as("the first call and its two retries")
                    .isEqualTo(3);

            dashboard.answerNormally();
            like("alice", product, "")
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
            dashboard.givenUser(idOf("alice"));
            dashboard.answerRateLimited(Duration.ofSeconds(7));

            like("alice", product, "")
                    .expectStatus()
                    .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                    .expectHeader()
                    .valueEquals(HttpHeaders.RETRY_AFTER, "7")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.grpcStatus")
                    .isEqualTo("RESOURCE_EXHAUSTED")
                    .jsonPath("$.detail")
                    .value(
                            String.class,
                            detail -> assertThat(detail)
                                    .as("the dashboard's own words stay inside")
                                    .doesNotContain("product-service")
                                    .doesNotContain("rate limit"));

            assertThat(likesRecordedFor(product)).isZero();
            assertThat(dashboard.likeProductCalls())
                    .as("RESOURCE_EXHAUSTED is not retried")
                    .isEqualTo(1);
        }

        @Test
        void aStoppedDashboardIs503AndTheSameLikeSucceedsOnceItIsBack() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));
            dashboard.stop();
            try {
                like("alice", product, "")
                        .expectStatus()
                        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER);
                assertThat(likesRecordedFor(product)).isZero();
            } finally {
                dashboard.restart();
            }

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> like("alice", product, "").expectStatus().isOk());
            assertThat(likesRecordedFor(product)).isEqualTo(1);
        }
    }

    /** A like as end user {@code subject}, with {@code json} as the body ({@code ""} for an empty one). */
    private ResponseSpec like(String subject, UUID product, String json) {
        return like(user(subject), product, json);
    }

    /**
     * A like sent again after each 503, as a client that honours {@code Retry-After} does: beyond its concurrency
     * limit the service refuses a request at once, and the refusal changes nothing. The final answer's status.
     */
    private HttpStatus likeUntilAdmitted(String subject, UUID product) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> HttpStatus.valueOf(like(subject, product, "")
                                .returnResult()
                                .getStatus()
                                .value()),
                        status -> status != HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static ResponseSpec like(RestTestClient client, UUID product, String json) {
        return client.post()
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
