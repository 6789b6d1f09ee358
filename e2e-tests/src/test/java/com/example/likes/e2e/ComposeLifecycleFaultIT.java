package com.example.likes.e2e;

import static com.example.likes.e2e.FaultTests.awaitConverged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What a user does to the compose stack ({@code -De2e.stack=compose} only): {@code docker compose restart},
 * {@code down} then {@code up} (the data stays in the volume), and {@code stop product-service} for a minute while
 * the dashboard takes writes, then {@code start} (every change arrives).
 */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class ComposeLifecycleFaultIT {

    /** The service this test stops and starts, by its compose name. */
    private static final String PRODUCT = "product-service";

    private static final Duration REPLICATION = Duration.ofSeconds(10);
    private static final Duration EVERY_CHANGE_ARRIVES_WITHIN = Duration.ofMinutes(1);
    /** One product created and renamed (every other one deleted as well) each tick while product-service is down. */
    private static final Duration TICK = Duration.ofMillis(100);

    private static final int TICKS_WHILE_STOPPED = 600; // a minute

    private final ComposeSystem system = FaultTests.composeSystem();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private final Http dashboardManagement =
            Http.asOperator(system.dashboardManagement(), system.grpcKeys().operator());

    @AfterEach
    void restore() {
        if (!system.isRunning(PRODUCT)) {
            system.start(PRODUCT);
        }
    }

    @Test
    void afterDockerComposeRestartTheDataIsThereAndBothServicesAnswer() {
        String productId = likedTwice("Restarted");

        system.restart();

        assertSurvived(productId, "Restarted");
    }

    @Test
    void afterDownAndUpTheDataIsStillInTheVolume() {
        String productId = likedTwice("Downed");

        system.downAndUp();

        assertSurvived(productId, "Downed");
    }

    @Test
    void changesTheDashboardTakesWhileProductServiceIsStoppedForAMinuteAllArriveAfterItStarts() throws Exception {
        system.stop(PRODUCT);
        assertThat(system.isRunning(PRODUCT)).isFalse();

        Queue<String> kept = new ConcurrentLinkedQueue<>();
        Queue<String> deleted = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger changes = new AtomicInteger();
        CountDownLatch ticks = new CountDownLatch(TICKS_WHILE_STOPPED);
        AtomicInteger tick = new AtomicInteger();
        long started = System.nanoTime();
        try (ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor()) {
            ScheduledFuture<?> writes = writer.scheduleAtFixedRate(
                    () -> {
                        try {
                            write(tick.getAndIncrement(), kept, deleted, unexpected, changes);
                        } finally {
                            ticks.countDown();
                        }
                    },
                    0,
                    TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
            assertThat(ticks.await(5, TimeUnit.MINUTES)).as("writes done").isTrue();
            writes.cancel(false);
        }
        Duration stopped = Duration.ofNanos(System.nanoTime() - started);
        long backlogWhileDown = dashboardManagement
                .get("/actuator/replication")
                .json()
                .get("pending")
                .asLong();

        system.start(PRODUCT);
        Duration converged = awaitConverged(dashboardManagement, EVERY_CHANGE_ARRIVES_WITHIN);

        new FaultTests.Figures("docker compose stop product-service during dashboard writes, then start")
                .with("stoppedFor", stopped)
                .with("sent", changes.get())
                .with("backlogWhileDown", backlogWhileDown)
                .with("convergedAfterStart", converged)
                .log();
        assertThat(unexpected).isEmpty();
        assertThat(backlogWhileDown).isEqualTo(changes.get());
        for (String id : List.of(kept.peek(), kept.toArray(String[]::new)[kept.size() - 1])) {
            Http.Response replica = product.get("/api/products/" + id);
            assertThat(replica.status()).as(replica.toString()).isEqualTo(200);
            assertThat(replica.json().get("title").asString()).endsWith(" v2");
        }
        for (String id : List.of(deleted.peek(), deleted.toArray(String[]::new)[deleted.size() - 1])) {
            assertThat(product.get("/api/products/" + id).status()).isEqualTo(404);
        }
    }

    /** One tick's writes: a product created and renamed, and every other one deleted. */
    private void write(
            int n, Queue<String> kept, Queue<String> deleted, Queue<String> unexpected, AtomicInteger changes) {
        Http.Response create = dashboard.post("/api/products", "{\"title\": \"Stopped %d\"}".formatted(n));
        if (create.status() != 201) {
            unexpected.add(create.toString());
            return;
        }
        String id = create.json().get("id").asString();
        changes.incrementAndGet();
        Http.Response rename = dashboard.patch("/api/products/" + id, "{\"title\": \"Stopped %d v2\"}".formatted(n));
        if (rename.status() != 200) {
            unexpected.add(rename.toString());
            return;
        }
        changes.incrementAndGet();
        if (n % 2 == 0) {
            Http.Response delete = dashboard.delete("/api/products/" + id);
            if (delete.status() != 204) {
                unexpected.add(delete.toString());
                return;
            }
            changes.incrementAndGet();
            deleted.add(id);
        } else {
            kept.add(id);
        }
    }

    /** A product replicated to product-service and liked there by two users. */
    private String likedTwice(String title) {
        Http.Response created = dashboard.post("/api/products", "{\"title\": \"" + title + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        await().atMost(REPLICATION)
                .until(() -> product.get("/api/products/" + id).status() == 200);
        for (int i = 0; i < 2; i++) {
            Http.Response like = likeRetryingWhileBusy(id, newUser());
            assertThat(like.status()).as(like.toString()).isEqualTo(200);
        }
        return id;
    }

    /** The product and its likes are on both sides, a new like counts, and a new product still replicates. */
    private void assertSurvived(String productId, String title) {
        assertThat(dashboard
                        .get("/api/products/" + productId)
                        .json()
                        .get("likes")
                        .asLong())
                .isEqualTo(2);
        assertThat(product.get("/api/products/" + productId).json().get("title").asString())
                .isEqualTo(title);
        Http.Response like = likeRetryingWhileBusy(productId, newUser());
        assertThat(like.status()).as(like.toString()).isEqualTo(200);
        assertThat(like.json().get("likes").asLong()).isEqualTo(3);
        String another = dashboard
                .post("/api/products", "{\"title\": \"" + title + " again\"}")
                .json()
                .get("id")
                .asString();
        await().atMost(REPLICATION)
                .until(() -> product.get("/api/products/" + another).status() == 200);
    }

    /**
     * A like as a well-behaved client sends it: again while the answer is 503 or 504, which store nothing (the first
     * calls between services that have just started may take longer than their deadline).
     */
    private Http.Response likeRetryingWhileBusy(String productId, DevUser user) {
        Http.Response[] like = new Http.Response[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    like[0] = FaultTests.like(product, productId, user);
                    return like[0].status() != 503 && like[0].status() != 504;
                });
        return like[0];
    }

    private DevUser newUser() {
        return DevUser.registered(system);
    }
}
