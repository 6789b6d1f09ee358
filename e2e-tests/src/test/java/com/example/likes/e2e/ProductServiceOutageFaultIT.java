package com.example.likes.e2e;

import static com.example.likes.e2e.FaultTests.awaitConverged;
import static com.example.likes.e2e.FaultTests.counter;
import static com.example.likes.e2e.FaultTests.drift;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** product-service is down while 500 products are created, updated and deleted; all of it arrives once it is back. */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class ProductServiceOutageFaultIT {

    private static final int PRODUCTS = 500;
    private static final Duration EVERY_CHANGE_ARRIVES_WITHIN = Duration.ofSeconds(10);

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
    void changesMadeWhileProductServiceIsStoppedAllArriveWithinTenSecondsOfItsRestart() throws Exception {
        system.product().stop(FaultTests.STOP_TIMEOUT);

        AtomicInteger changes = new AtomicInteger();
        List<String> ids = new ArrayList<>();
        try (ExecutorService users = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                int n = i;
                created.add(users.submit(() -> {
                    Http.Response create = dashboard.post("/api/products", "{\"title\": \"Outage %d\"}".formatted(n));
                    assertThat(create.status()).as(create.toString()).isEqualTo(201);
                    String id = create.json().get("id").asString();
                    assertThat(dashboard
                                    .patch("/api/products/" + id, "{\"title\": \"Outage %d v2\"}".formatted(n))
                                    .status())
                            .isEqualTo(200);
                    changes.addAndGet(2);
                    if (n % 2 == 0) {
                        assertThat(dashboard.delete("/api/products/" + id).status())
                                .isEqualTo(204);
                        changes.incrementAndGet();
                    }
                    return id;
                }));
            }
            for (Future<String> id : created) {
                ids.add(id.get(2, TimeUnit.MINUTES));
            }
        }
        long backlogWhileDown =
                dashboardOps.get("/actuator/replication").json().get("pending").asLong();

        FaultTests.startAndAwaitReady(system.product());
        Duration converged = awaitConverged(dashboardOps, EVERY_CHANGE_ARRIVES_WITHIN);

        double applied = counter(productOps, "product_replica_changes_total", "outcome", "applied");
        double ignored = counter(productOps, "product_replica_changes_total", "outcome", "ignored");
        long lost = drift(dashboardOps);
        long duplicated = Math.max(0, (long) applied - changes.get());
        new FaultTests.Figures("product-service stopped during 500 creates, updates and deletes")
                .with("sent", changes.get())
                .with("backlogWhileDown", backlogWhileDown)
                .with("applied", (long) applied)
                .with("ignored", (long) ignored)
                .with("lost", lost)
                .with("duplicated", duplicated)
                .with("convergedAfterRestart", converged)
                .log();
        assertThat(backlogWhileDown).isEqualTo(changes.get());
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(product.get("/api/products/" + ids.get(1))
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("Outage 1 v2");
        assertThat(product.get("/api/products/" + ids.get(0)).status()).isEqualTo(404);
    }
}
