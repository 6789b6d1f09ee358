package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import tools.jackson.databind.JsonNode;

/**
 * What the fault tests share: the services as processes they may stop, kill and start, waiting until the two
 * sides agree again, reading counters off {@code /actuator/prometheus}, and logging each test's figures to stdout,
 * where they land in the build log.
 */
final class FaultTests {

    /** For {@link Order}: the fault tests disturb the shared stack, so they run after every other test class. */
    static final int AFTER_THE_OTHER_TESTS = Order.DEFAULT + 1;

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private FaultTests() {}

    /** The stack's processes; skips the test when the system runs under docker compose. */
    static SystemUnderTest.LocalProcesses localProcesses() {
        SystemUnderTest system = SystemUnderTest.get();
        assumeTrue(
                system instanceof SystemUnderTest.LocalProcesses, "fault tests need the services as local processes");
        return (SystemUnderTest.LocalProcesses) system;
    }

    /** The compose project; skips the test unless the system runs under docker compose. */
    static ComposeSystem composeSystem() {
        SystemUnderTest system = SystemUnderTest.get();
        assumeTrue(system instanceof ComposeSystem, "these tests need the system under docker compose");
        return (ComposeSystem) system;
    }

    /** Starts whichever service a test left stopped, so that the next test finds the whole system up. */
    static void restoreBothServices(SystemUnderTest.LocalProcesses system) {
        for (ServiceProcess service : new ServiceProcess[] {system.product(), system.dashboard()}) {
            if (!service.isAlive()) {
                service.start();
                service.awaitReady(LocalStack.READY_TIMEOUT);
            }
        }
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    static void startAndAwaitReady(ServiceProcess service) {
        service.start();
        service.awaitReady(LocalStack.READY_TIMEOUT);
    }

    /** A product made on the dashboard, returned once product-service has its replica. */
    static String replicatedProduct(Http dashboard, Http product, String title) {
        return replicatedProduct(dashboard, product, title, Duration.ofSeconds(10));
    }

    /** A product made on the dashboard, returned once product-service has its replica, waiting up to {@code atMost}. */
    static String replicatedProduct(Http dashboard, Http product, String title, Duration atMost) {
        String id = dashboard
                .post("/api/products", "{\"title\": \"%s\"}".formatted(title))
                .json()
                .get("id")
                .asString();
        await().atMost(atMost).until(() -> product.get("/api/products/" + id).status() == 200);
        return id;
    }

    /** {@code user} likes the product, through product-service: a like as that user, with its token. */
    static Http.Response like(Http product, String productId, DevUser user) {
        return product.withToken(user.token()).post("/api/products/" + productId + "/like", "");
    }

    /**
     * Waits until no change is left to replicate and reconciliation finds no drift between the dashboard
     * and product-service; returns how long that took.
     */
    static Duration awaitConverged(Http dashboardManagement, Duration atMost) {
        long started = System.nanoTime();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            // A service that has just started may answer 503/504 first: an assertion, so that the wait goes on.
            Http.Response replicationResponse = dashboardManagement.get("/actuator/replication");
            assertThat(replicationResponse.status())
                    .as(replicationResponse.toString())
                    .isEqualTo(200);
            JsonNode replication = replicationResponse.json();
            assertThat(replication.get("pending").asLong()).as("events pending").isZero();
            assertThat(replication.get("failed").asLong()).as("events failed").isZero();
            Http.Response reportResponse = dashboardManagement.get("/actuator/reconciliation");
            assertThat(reportResponse.status()).as(reportResponse.toString()).isEqualTo(200);
            JsonNode report = reportResponse.json();
            assertThat(report.get("inSync").asBoolean())
                    .as(
                            "in sync (missing %s, extra %s, stale %s)",
                            report.get("missing"), report.get("extra"), report.get("stale"))
                    .isTrue();
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The products on which the two sides disagree, as reconciliation counts them. */
    static long drift(Http dashboardManagement) {
        JsonNode report = dashboardManagement.get("/actuator/reconciliation").json();
        return report.get("missing").asLong()
                + report.get("extra").asLong()
                + report.get("stale").asLong();
    }

    /**
     * The sum of a counter's samples whose labels include {@code labels} ({@code "name", "value"} pairs), as the
     * service's Prometheus endpoint shows it now.
     */
    static double counter(Http service, String metric, String... labels) {
        String[] wanted = new String[labels.length / 2];
        for (int i = 0; i < labels.length; i += 2) {
            wanted[i / 2] = labels[i] + "=\"" + labels[i + 1] + "\"";
        }
        return service.get("/actuator/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(wanted).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** One test's figures, logged as one line: {@code FAULT <test>: name=value, ...}. */
    static final class Figures {

        private final String test;
        private final Map<String, Object> values = new LinkedHashMap<>();

        Figures(String test) {
            this.test = test;
        }

        Figures with(String name, Object value) {
            values.put(name, value instanceof Duration d ? "%.2f s".formatted(d.toMillis() / 1000.0) : value);
            return this;
        }

        void log() {
            System.out.println("FAULT " + test + ": "
                    + values.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
    }
}
