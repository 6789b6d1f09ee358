package com.example.likes.e2e;

import static com.example.likes.e2e.FaultTests.awaitConverged;
import static com.example.likes.e2e.FaultTests.counter;
import static com.example.likes.e2e.FaultTests.drift;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The dashboard is killed (SIGKILL) while it replicates a stream of changes to product-service. */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class DashboardCrashFaultIT {

    private static final int WRITERS = 8;
    private static final int CREATES_BEFORE_THE_KILL = 200;

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
    void killingTheDashboardMidReplicationLosesNothingAndAppliesNothingTwice() throws Exception {
        long productsBefore = productsOnTheDashboard();
        double appliedBefore = counter(productOps, "product_replica_changes_total", "outcome", "applied");
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(CREATES_BEFORE_THE_KILL);
        try (ExecutorService users = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(users.submit(() -> {
                    // Each writer creates products until the dashboard dies under it.
                    for (int n = 0; !killed.get(); n++) {
                        try {
                            Http.Response create = dashboard.post(
                                    "/api/products", "{\"title\": \"Replicated %d-%d\"}".formatted(writer, n));
                            assertThat(create.status()).isEqualTo(201);
                            acknowledged.incrementAndGet();
                            enough.countDown();
                        } catch (UncheckedIOException connectionLost) {
                            cutOff.incrementAndGet();
                            return;
                        }
                    }
                }));
            }
            enough.await(2, TimeUnit.MINUTES);
            system.dashboard().kill();
            killed.set(true);
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        }

        FaultTests.startAndAwaitReady(system.dashboard());
        long backlogAfterRestart =
                dashboardOps.get("/actuator/replication").json().get("pending").asLong();
        Duration converged = awaitConverged(dashboardOps, Duration.ofSeconds(30));

        // A create cut off by the kill may or may not have committed: the dashboard's own count tells.
        long committed = productsOnTheDashboard() - productsBefore;
        long applied =
                (long) (counter(productOps, "product_replica_changes_total", "outcome", "applied") - appliedBefore);
        long lost = drift(dashboardOps);
        long duplicated = Math.max(0, applied - committed);
        new FaultTests.Figures("kill -9 of the dashboard during replication")
                .with("sent", acknowledged.get() + cutOff.get())
                .with("acknowledged", acknowledged.get())
                .with("cutOffByTheKill", cutOff.get())
                .with("committed", committed)
                .with("backlogAfterRestart", backlogAfterRestart)
                .with("applied", applied)
                .with("lost", lost)
                .with("duplicated", duplicated)
                .with("convergedAfterRestart", converged)
                .log();
        assertThat(committed).isGreaterThanOrEqualTo(acknowledged.get());
        assertThat(applied).isEqualTo(committed);
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
    }

    private long productsOnTheDashboard() {
        return dashboard
                .get("/api/products?size=1")
                .json()
                .get("page")
                .get("totalElements")
                .asLong();
    }
}
