package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is stopped while users like a product through product-service, and started again. A like the
 * dashboard could not count is refused with 503 and leaves nothing behind, so each user's retry counts exactly once.
 */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class DashboardStoppedDuringLikesFaultIT {

    private static final int USERS = 200;

    private final SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());

    @AfterEach
    void restore() {
        FaultTests.restoreBothServices(system);
    }

    @Test
    void likesRefusedWhileTheDashboardIsDownCountExactlyOnceWhenRetried() throws Exception {
        String productId = FaultTests.replicatedProduct(dashboard, product, "Limited edition");
        List<DevUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(DevUser.registered(system));
        }
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch someLiked = new CountDownLatch(USERS / 4);
        long restarted;
        try (ScheduledExecutorService clients = Executors.newScheduledThreadPool(16)) {
            // The users arrive one every 40 ms, so that the dashboard goes down in the middle of them.
            List<Future<Integer>> likes = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                DevUser user = users.get(i);
                likes.add(clients.schedule(
                        () -> likeUntilAnswered(productId, user, requests, refused, someLiked),
                        40L * i,
                        TimeUnit.MILLISECONDS));
            }
            someLiked.await(2, TimeUnit.MINUTES);
            system.dashboard().stop(FaultTests.STOP_TIMEOUT);
            FaultTests.startAndAwaitReady(system.dashboard());
            restarted = System.nanoTime();
            for (Future<Integer> like : likes) {
                assertThat(like.get(2, TimeUnit.MINUTES)).isEqualTo(200);
            }
        }
        Duration converged = Duration.ofNanos(System.nanoTime() - restarted);

        long counted =
                dashboard.get("/api/products/" + productId).json().get("likes").asLong();
        long recordedOnProductService = users.stream()
                .filter(user -> FaultTests.like(product, productId, user).status() == 409)
                .count();
        new FaultTests.Figures("dashboard stopped during likes")
                .with("users", USERS)
                .with("requests", requests.get())
                .with("refusedWith503or504", refused.get())
                .with("countedByDashboard", counted)
                .with("recordedByProductService", recordedOnProductService)
                .with("lost", Math.max(0, USERS - counted))
                .with("duplicated", Math.max(0, counted - USERS))
                .with("allLikedAfterRestart", converged)
                .log();
        assertThat(counted).isEqualTo(USERS);
        assertThat(recordedOnProductService).isEqualTo(USERS);
        assertThat(dashboard
                        .get("/api/products/" + productId)
                        .json()
                        .get("likes")
                        .asLong())
                .isEqualTo(USERS);
    }

    /** Likes until product-service answers 200, retrying while it answers 503 or 504, as a patient client would. */
    private int likeUntilAnswered(
            String productId, DevUser user, AtomicInteger requests, AtomicInteger refused, CountDownLatch someLiked) {
        int[] status = new int[1];
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    requests.incrementAndGet();
                    try {
                        status[0] = FaultTests.like(product, productId, user).status();
                    } catch (UncheckedIOException e) {
                        status[0] = 0;
                    }
                    if (status[0] == 503 || status[0] == 504) {
                        refused.incrementAndGet();
                    }
                    return status[0] != 503 && status[0] != 504;
                });
        someLiked.countDown();
        return status[0];
    }
}
