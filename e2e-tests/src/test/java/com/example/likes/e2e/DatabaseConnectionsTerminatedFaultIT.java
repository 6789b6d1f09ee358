package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.DatabaseProvisioner;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What a connection pool sees in a database failover: every application connection to PostgreSQL is terminated
 * ({@code pg_terminate_backend}) five times in ten seconds while users create products and like one. A request the
 * fault broke answers 503 with {@code Retry-After} (never 500), a transaction that can safely run again is retried
 * once first, and once clients retry what was refused nothing is lost and the like count is exact.
 */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
class DatabaseConnectionsTerminatedFaultIT {

    private static final int USERS = 150;
    private static final int CREATORS = 4;
    private static final int TERMINATIONS = 5;
    private static final Duration BETWEEN_TERMINATIONS = Duration.ofSeconds(2);

    private final SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private final Http dashboardManagement =
            Http.asOperator(system.dashboardManagement(), system.grpcKeys().operator());
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();

    @Test
    void terminatedConnectionsAnswer503NotInternalErrorsAndLoseNothing() throws Exception {
        String liked = FaultTests.replicatedProduct(dashboard, product, "Failover");
        List<DevUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(DevUser.registered(system));
        }
        Queue<String> created = new ConcurrentLinkedQueue<>();
        AtomicBoolean faultsRunning = new AtomicBoolean(true);
        int terminated;
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<?>> creators = new ArrayList<>();
            for (int c = 0; c < CREATORS; c++) {
                int creator = c;
                creators.add(clients.submit(() -> {
                    for (int n = 0; faultsRunning.get(); n++) {
                        created.add(createUntilAnswered("Failover %d-%d".formatted(creator, n)));
                    }
                }));
            }
            List<Future<Integer>> likes = new ArrayList<>();
            for (DevUser user : users) {
                likes.add(clients.submit(() -> likeUntilAnswered(liked, user)));
            }
            terminated = terminateApplicationConnectionsRepeatedly();
            faultsRunning.set(false);
            for (Future<?> creator : creators) {
                creator.get(2, TimeUnit.MINUTES);
            }
            for (Future<Integer> like : likes) {
                assertThat(like.get(2, TimeUnit.MINUTES)).isIn(200, 409);
            }
        }

        Duration converged = FaultTests.awaitConverged(dashboardManagement, Duration.ofMinutes(1));
        long counted =
                dashboard.get("/api/products/" + liked).json().get("likes").asLong();
        long recorded = users.stream()
                .filter(user -> FaultTests.like(product, liked, user).status() == 409)
                .count();
        long missingCreates = created.stream()
                .filter(id -> dashboard.get("/api/products/" + id).status() != 200
                        || product.get("/api/products/" + id).status() != 200)
                .count();
        new FaultTests.Figures("database connections terminated")
                .with("terminations", TERMINATIONS)
                .with("connectionsTerminated", terminated)
                .with("creates", created.size())
                .with("likes", USERS)
                .with("statuses", Map.copyOf(statuses))
                .with("countedByDashboard", counted)
                .with("recordedByProductService", recorded)
                .with("createsLost", missingCreates)
                .with("convergedAfter", converged)
                .log();
        assertThat(statuses).as("statuses answered").doesNotContainKeys(500, 502);
        assertThat(refusedWithoutRetryAfter).as("503s without Retry-After").hasValue(0);
        assertThat(terminated).as("connections terminated").isGreaterThan(TERMINATIONS);
        assertThat(missingCreates).as("creates answered 201 but missing").isZero();
        assertThat(counted).isEqualTo(USERS);
        assertThat(recorded).isEqualTo(USERS);
    }

    /** Terminates every connection of both services' roles, {@link #TERMINATIONS} times; returns how many. */
    private int terminateApplicationConnectionsRepeatedly() throws SQLException {
        DatabaseProvisioner database = system.stack().database();
        int terminated = 0;
        long next = System.nanoTime();
        try (Connection admin =
                DriverManager.getConnection(database.adminJdbcUrl(), database.adminUser(), database.adminPassword())) {
            for (int round = 0; round < TERMINATIONS; round++) {
                long due = next;
                await().atMost(BETWEEN_TERMINATIONS.multipliedBy(2)).until(() -> System.nanoTime() >= due);
                try (Statement statement = admin.createStatement();
                        ResultSet killed = statement.executeQuery("""
                                select count(*) filter (where pg_terminate_backend(pid))
                                from pg_stat_activity
                                where datname in ('dashboard', 'product') and pid <> pg_backend_pid()
                                """)) {
                    killed.next();
                    terminated += killed.getInt(1);
                }
                next = System.nanoTime() + BETWEEN_TERMINATIONS.toNanos();
            }
        }
        return terminated;
    }

    /** Creates a product, retrying while the dashboard answers 503 as a patient client would; returns its id. */
    private String createUntilAnswered(String title) {
        String[] id = new String[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Http.Response response =
                            answered(() -> dashboard.post("/api/products", "{\"title\": \"" + title + "\"}"));
                    if (response != null && response.status() == 201) {
                        id[0] = response.json().get("id").asString();
                        return true;
                    }
                    return false;
                });
        return id[0];
    }

    /** Likes until product-service answers something other than 503 or 504; returns that status. */
    private int likeUntilAnswered(String productId, DevUser user) {
        int[] status = new int[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Http.Response response = answered(() -> FaultTests.like(product, productId, user));
                    status[0] = response == null ? 0 : response.status();
                    return status[0] != 0 && status[0] != 503 && status[0] != 504;
                });
        return status[0];
    }

    private Http.Response answered(java.util.function.Supplier<Http.Response> request) {
        try {
            Http.Response response = request.get();
            statuses.computeIfAbsent(response.status(), s -> new AtomicInteger())
                    .incrementAndGet();
            if (response.status() == 503 && response.header("Retry-After") == null) {
                refusedWithoutRetryAfter.incrementAndGet();
            }
            return response;
        } catch (UncheckedIOException e) {
            statuses.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
            return null;
        }
    }
}
