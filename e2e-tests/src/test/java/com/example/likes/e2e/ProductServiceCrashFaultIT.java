package com.example.likes.e2e;

import static com.example.likes.e2e.FaultTests.awaitConverged;
import static com.example.likes.e2e.FaultTests.counter;
import static com.example.likes.e2e.FaultTests.drift;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** product-service is killed (SIGKILL) while the dashboard delivers changes to it. */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class ProductServiceCrashFaultIT {

    private static final int PRODUCTS = 300;

    private final SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private final Http dashboardOps =
            Http.asOperator(system.dashboardManagement(), system.grpcKeys().operator());
    private final Http productOps =
            Http.asOperator(system.productManagement(), system.grpcKeys().operator());

    @AfterEach
    void restore() {
        FaultTests.restoreBothServices(system);
    }

    @Test
    void killingProductServiceMidDeliveryLosesNothingAndAppliesNothingTwice() throws Exception {
        double appliedBefore = counter(dashboardOps, "replication_deliveries_total", "outcome", "applied");
        AtomicInteger changes = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(PRODUCTS / 2);
        try (ExecutorService users = Executors.newFixedThreadPool(8)) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                int n = i;
                writes.add(users.submit(() -> {
                    Http.Response create = dashboard.post("/api/products", "{\"title\": \"Crash %d\"}".formatted(n));
                    assertThat(create.status()).as(create.toString()).isEqualTo(201);
                    String id = create.json().get("id").asString();
                    assertThat(dashboard
                                    .patch("/api/products/" + id, "{\"title\": \"Crash %d v2\"}".formatted(n))
                                    .status())
                            .isEqualTo(200);
                    changes.addAndGet(2);
                    halfway.countDown();
                }));
            }
            halfway.await(2, TimeUnit.MINUTES);
            system.product().kill();
            for (Future<?> write : writes) {
                write.get(2, TimeUnit.MINUTES);
            }
        }
        long backlogAfterKill =
                dashboardOps.get("/actuator/replication").json().get("pending").asLong();

        FaultTests.startAndAwaitReady(system.product());
        Duration converged = awaitConverged(dashboardOps, Duration.ofSeconds(30));

        long applied =
                (long) (counter(dashboardOps, "replication_deliveries_total", "outcome", "applied") - appliedBefore);
        long ignored = (long) counter(productOps, "product_replica_changes_total", "outcome", "ignored");
        long lost = drift(dashboardOps);
        long duplicated = Math.max(0, applied - changes.get());
        new FaultTests.Figures("kill -9 of product-service during delivery")
                .with("sent", changes.get())
                .with("backlogAfterKill", backlogAfterKill)
                .with("appliedAcknowledged", applied)
                .with("ignoredAfterRestart", ignored)
                .with("lost", lost)
                .with("duplicated", duplicated)
                .with("convergedAfterRestart", converged)
                .log();
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
    }
}
