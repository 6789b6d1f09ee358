package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.LikeProductResponse;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Likes go through product-service, are counted once per user by the dashboard, and survive every hop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LikesIT {

    private final SystemUnderTest system = SystemUnderTest.get();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private GrpcChannels grpc;

    @BeforeAll
    void openChannels() {
        grpc = new GrpcChannels(system);
    }

    @AfterAll
    void closeChannels() throws InterruptedException {
        grpc.close();
    }

    @Test
    void eachUserIsCountedOnceAndARepeatIsAConflictThatChangesNoCount() {
        String productId = replicatedProduct("{\"title\": \"Headphones\"}");
        DevUser alice = DevUser.registered(system);
        DevUser bob = DevUser.registered(system);

        assertThat(like(productId, alice).json().get("likes").asLong()).isEqualTo(1);
        assertThat(like(productId, bob).json().get("likes").asLong()).isEqualTo(2);
        Http.Response repeat = like(productId, alice);

        assertThat(repeat.status()).isEqualTo(409);
        assertThat(repeat.json().get("detail").asString()).isEqualTo("You already liked this product");
        assertThat(dashboard
                        .get("/api/products/" + productId)
                        .json()
                        .get("likes")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aCountAboveTwoToTheThirtyFirstSurvivesEveryHop() {
        long start = 3_000_000_000L;
        String productId = replicatedProduct("{\"title\": \"Bestseller\", \"likes\": " + start + "}");

        Http.Response like = like(productId, DevUser.registered(system));

        assertThat(like.json().get("likes").asLong()).isEqualTo(start + 1);
        assertThat(dashboard
                        .get("/api/products/" + productId)
                        .json()
                        .get("likes")
                        .asLong())
                .isEqualTo(start + 1);
        LikeProductResponse overGrpc = ProductServiceGrpc.newBlockingStub(grpc.dashboard)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .likeProduct(LikeProductRequest.newBuilder()
                        .setId(productId)
                        .setUserId(DevUser.registered(system).id())
                        .build());
        assertThat(overGrpc.getProduct().getLikes()).isEqualTo(start + 2);
    }

    @Test
    void aLikeCountsForTheUserWhoseTokenSentIt() {
        DevUser alice = DevUser.registered(system);
        String productId = replicatedProduct("{\"title\": \"Mystery box\"}");

        Http.Response like = alice.on(system.productHttp()).post("/api/products/" + productId + "/like", "");

        assertThat(like.status()).as(like.toString()).isEqualTo(200);
        assertThat(like.json().get("userId").asString()).isEqualTo(alice.id());
        assertThat(like.json().get("likes").asLong()).isEqualTo(1);
        assertThat(alice.on(system.dashboardHttp())
                        .get("/api/users/" + alice.id())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aThousandDistinctUsersLikingAtOnceThroughProductServiceAreCountedExactlyAThousand() throws Exception {
        String productId = replicatedProduct("{\"title\": \"Concert ticket\"}");
        List<DevUser> users = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            users.add(DevUser.registered(system));
        }

        List<Integer> statuses = new ArrayList<>();
        AtomicInteger retries = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(100)) {
            List<Future<Integer>> likes = users.stream()
                    .map(user -> clients.submit(() -> likeRetryingWhileBusy(productId, user, retries)))
                    .toList();
            for (Future<Integer> like : likes) {
                statuses.add(like.get(2, TimeUnit.MINUTES));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        long counted =
                dashboard.get("/api/products/" + productId).json().get("likes").asLong();
        System.out.printf(
                "LIKES 1000 parallel distinct users: sent=1000, retriedAfter503or504=%d, ok=%d, counted=%d, lost=%d,"
                        + " duplicated=%d, took=%d ms%n",
                retries.get(),
                statuses.stream().filter(status -> status == 200).count(),
                counted,
                Math.max(0, 1000 - counted),
                Math.max(0, counted - 1000),
                took.toMillis());
        assertThat(statuses).containsOnly(200);
        assertThat(counted).isEqualTo(1000);
        assertThat(like(productId, users.getFirst()).status()).isEqualTo(409);
    }

    @Nested
    class Errors {

        @Test
        void likingAnUnknownProductIsNotFound() {
            Http.Response like = like(UUID.randomUUID().toString(), DevUser.registered(system));
            assertThat(like.status()).isEqualTo(404);
            assertThat(like.header("Content-Type")).startsWith("application/problem+json");
        }

        @Test
        void likingAsAUserWhoHasNotRegisteredIsNotFoundAndCountsNothing() {
            String productId = replicatedProduct("{\"title\": \"Lonely product\"}");

            Http.Response like = like(productId, DevUser.unregistered(system));

            assertThat(like.status()).as(like.toString()).isEqualTo(404);
            assertThat(like.json().get("detail").asString()).contains("register first with POST /api/users");
            assertThat(dashboard
                            .get("/api/products/" + productId)
                            .json()
                            .get("likes")
                            .asLong())
                    .isZero();
        }

        @Test
        void getOnTheLikePathIsMethodNotAllowed() {
            String productId = replicatedProduct("{\"title\": \"Read-only\"}");
            assertThat(product.get("/api/products/" + productId + "/like").status())
                    .isEqualTo(405);
        }

        @Test
        void unknownIdsAreNotFoundOnBothServices() {
            String unknown = UUID.randomUUID().toString();
            assertThat(dashboard.get("/api/products/" + unknown).status()).isEqualTo(404);
            assertThat(dashboard.get("/api/users/" + unknown).status()).isEqualTo(404);
            assertThat(product.get("/api/products/" + unknown).status()).isEqualTo(404);
        }
    }

    /** A like as a well-behaved client sends it: again, if the answer was 503 or 504, which store nothing. */
    private int likeRetryingWhileBusy(String productId, DevUser user, AtomicInteger retries) {
        int[] status = new int[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    status[0] = like(productId, user).status();
                    boolean busy = status[0] == 503 || status[0] == 504;
                    if (busy) {
                        retries.incrementAndGet();
                    }
                    return !busy;
                });
        return status[0];
    }

    private Http.Response like(String productId, DevUser user) {
        return user.on(system.productHttp()).post("/api/products/" + productId + "/like", "");
    }

    private String replicatedProduct(String json) {
        Http.Response created = dashboard.post("/api/products", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> product.get("/api/products/" + id).status() == 200);
        return id;
    }
}
