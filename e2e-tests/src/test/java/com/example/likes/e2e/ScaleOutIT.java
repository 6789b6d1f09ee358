package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of each service, as a Kubernetes Deployment of two pods runs them: two dashboards on the dashboard's
 * database, two product-services on product-service's, each client resolving one name to both instances of the
 * other side and balancing round-robin over them, as it resolves a headless Service on Kubernetes (decision 17).
 *
 * <p>How one name reaches two processes on one machine: every instance binds its gRPC port to a loopback address
 * of its own (127.0.0.2 or 127.0.0.3, the same port on both), and every JVM reads its names from a hosts file
 * ({@code -Djdk.net.hosts.file}) in which {@code dashboard-service-grpc-headless} and
 * {@code product-service-grpc-headless} each have both addresses. The clients target
 * {@code dns:///<name>-grpc-headless:<port>}, exactly the setting of the Kubernetes manifests: grpc-java's DNS
 * resolver asks the JDK, which answers with both addresses.
 *
 * <p>This suite starts its own stack (its own PostgreSQL and four services), so that it counts from zero and its
 * stops disturb no other test. Its figures are logged as {@code FAULT scale-out ...} lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String FIRST_ADDRESS = "127.0.0.2";
    private static final String SECOND_ADDRESS = "127.0.0.3";
    // The gRPC services each side serves the other (health and reflection aside).
    private static final List<String> DASHBOARD_API =
            List.of("dashboard.v1.UserService", "dashboard.v1.ProductService");
    private static final List<String> PRODUCT_API = List.of("product.v1.ProductReceiverService");
    private static final List<String> HEADLESS_NAMES =
            List.of("dashboard-service-grpc-headless", "product-service-grpc-headless");
    // Short, so that connections are closed and made again while the tests run, and no call may be lost to that.
    private static final String MAX_CONNECTION_AGE = "15s";
    // How soon after an instance of each side stops every caller must have moved to the survivor.
    private static final Duration MOVE_WITHIN = Duration.ofSeconds(5);
    // The second pair starts while the first pair's JIT is still busy: on two shared cores that can take minutes.
    private static final Duration SECOND_READY_TIMEOUT = Duration.ofMinutes(3);

    private LocalStack stack;
    private List<ServiceProcess> dashboards;
    private List<ServiceProcess> products;
    private Balanced dashboardRest;
    private Balanced productRest;

    @BeforeAll
    void startTwoInstancesOfEachService() throws IOException {
        assumeTrue(
                System.getProperty("e2e.stack", "local").equals("local"),
                "the scale-out suite runs the services as local processes");
        Path root =
                Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("e2e.workDirectory", "target/stack"))
                .toAbsolutePath()
                .resolveSibling("scale-out-stack");
        Files.createDirectories(work);
        Path hosts = writeHostsFile(work.resolve("hosts"));

        // The two services scaled out here; any other of services/ stays down.
        StackSettings base =
                StackSettings.forTests(root, work).withOnly(List.of("dashboard-service", "product-service"));
        StackSettings settings = base.withServiceEnvironment(Map.of(
                        "DASHBOARD_TO_PRODUCT_TARGET",
                        "dns:///product-service-grpc-headless:"
                                + base.portsOf("product-service").grpc(),
                        "PRODUCT_TO_DASHBOARD_TARGET",
                        "dns:///dashboard-service-grpc-headless:"
                                + base.portsOf("dashboard-service").grpc(),
                        "DASHBOARD_TO_PRODUCT_LOAD_BALANCING_POLICY",
                        "round_robin",
                        "PRODUCT_TO_DASHBOARD_LOAD_BALANCING_POLICY",
                        "round_robin",
                        "SPRING_GRPC_SERVER_ADDRESS",
                        FIRST_ADDRESS,
                        "PLATFORM_GRPC_SERVER_MAX_CONNECTION_AGE",
                        MAX_CONNECTION_AGE,
                        "PLATFORM_GRPC_SERVER_MAX_CONNECTION_AGE_GRACE",
                        "5s"))
                .withServiceJvmOptions(List.of("-Djdk.net.hosts.file=" + hosts));
        stack = LocalStack.start(settings);

        int dashboardHttp = StackSettings.freePort();
        int dashboardManagement = StackSettings.freePort();
        ServiceProcess secondDashboard = stack.anotherInstance(
                stack.service("dashboard-service"),
                "dashboard-service-2",
                Map.of(
                        "DASHBOARD_HTTP_PORT",
                        Integer.toString(dashboardHttp),
                        "DASHBOARD_MANAGEMENT_PORT",
                        Integer.toString(dashboardManagement),
                        "SPRING_GRPC_SERVER_ADDRESS",
                        SECOND_ADDRESS),
                dashboardHttp,
                base.portsOf("dashboard-service").grpc(),
                dashboardManagement);
        int productHttp = StackSettings.freePort();
        int productManagement = StackSettings.freePort();
        ServiceProcess secondProduct = stack.anotherInstance(
                stack.service("product-service"),
                "product-service-2",
                Map.of(
                        "PRODUCT_HTTP_PORT",
                        Integer.toString(productHttp),
                        "PRODUCT_MANAGEMENT_PORT",
                        Integer.toString(productManagement),
                        "SPRING_GRPC_SERVER_ADDRESS",
                        SECOND_ADDRESS),
                productHttp,
                base.portsOf("product-service").grpc(),
                productManagement);
        secondDashboard.start();
        secondProduct.start();
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> secondDashboard.awaitReady(SECOND_READY_TIMEOUT)),
                        CompletableFuture.runAsync(() -> secondProduct.awaitReady(SECOND_READY_TIMEOUT)))
                .join();
        dashboards = List.of(stack.service("dashboard-service"), secondDashboard);
        products = List.of(stack.service("product-service"), secondProduct);
        // Changing products is the editor's; each like is its user's (likeThrough).
        dashboardRest = new Balanced(dashboards, stack.tokens()::editor);
        productRest = new Balanced(products, null);
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void grpcCallsSpreadOverBothInstancesOfTheOtherSide() {
        Map<ServiceProcess, Double> receivedBefore = callsServed(products, PRODUCT_API);
        Map<ServiceProcess, Double> answeredBefore = callsServed(dashboards, DASHBOARD_API);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(created(dashboardRest, "Spread " + i));
        }
        DevUser user = DevUser.registered(
                stack.tokens(), stack.service("dashboard-service").baseUri());
        awaitReplicated(ids);
        for (String id : ids) {
            assertThat(likeUntilAnswered(id, user, new AtomicInteger())).isEqualTo(200);
        }

        // Each like is one call, LikeProduct, each to the next dashboard: per instance the split is
        // even.
        Map<ServiceProcess, Double> received = since(receivedBefore, callsServed(products, PRODUCT_API));
        Map<ServiceProcess, Double> answered = since(answeredBefore, callsServed(dashboards, DASHBOARD_API));
        new FaultTests.Figures("scale-out spread")
                .with("changesReceivedPerProductService", received.values())
                .with("callsAnsweredPerDashboard", answered.values())
                .log();
        for (Map<ServiceProcess, Double> calls : List.of(received, answered)) {
            double total =
                    calls.values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(total).isGreaterThanOrEqualTo(ids.size());
            assertThat(calls.values()).allSatisfy(served -> assertThat(served).isGreaterThanOrEqualTo(total / 3));
        }
    }

    @Test
    @Order(2)
    void createsUpdatesAndDeletesThroughBothDashboardsConvergeOnBothReplicasOnceEach() throws Exception {
        int productsToChange = 60;
        double recordedBefore = sum(dashboards, "replication_events_recorded_total");
        double deliveredBefore = deliveries(dashboards);
        double receivedBefore = sum(products, "product_replica_changes_total");
        double appliedBefore = sum(products, "product_replica_changes_total", "outcome", "applied");
        double failedBefore = sum(dashboards, "replication_deliveries_total", "outcome", "failed");

        List<String> ids = new ArrayList<>();
        AtomicInteger changes = new AtomicInteger();
        try (ExecutorService users = Executors.newFixedThreadPool(8)) {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < productsToChange; i++) {
                int n = i;
                made.add(users.submit(() -> {
                    // Each change through the next dashboard: every product is changed through both.
                    String id = created(dashboardRest, "Product " + n);
                    for (int version = 1; version <= 2; version++) {
                        String title = "{\"title\": \"Product " + n + " v" + version + "\"}";
                        assertThat(dashboardRest
                                        .send(http -> http.patch("/api/products/" + id, title))
                                        .status())
                                .isEqualTo(200);
                    }
                    int changed = 3;
                    if (n % 3 == 0) {
                        assertThat(dashboardRest
                                        .send(http -> http.delete("/api/products/" + id))
                                        .status())
                                .isEqualTo(204);
                        changed++;
                    }
                    changes.addAndGet(changed);
                    return id;
                }));
            }
            for (Future<String> id : made) {
                ids.add(id.get(2, TimeUnit.MINUTES));
            }
        }
        Duration converged = awaitBothDashboardsInSync();

        long wrong = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (ServiceProcess product : products) {
                Http.Response replica = new Http(product.baseUri()).get("/api/products/" + ids.get(i));
                boolean right = i % 3 == 0
                        ? replica.status() == 404
                        : replica.status() == 200
                                && replica.json().get("title").asString().equals("Product " + i + " v2");
                wrong += right ? 0 : 1;
            }
        }
        double recorded = sum(dashboards, "replication_events_recorded_total") - recordedBefore;
        double delivered = deliveries(dashboards) - deliveredBefore;
        double received = sum(products, "product_replica_changes_total") - receivedBefore;
        double applied = sum(products, "product_replica_changes_total", "outcome", "applied") - appliedBefore;
        double failedAttempts = sum(dashboards, "replication_deliveries_total", "outcome", "failed") - failedBefore;
        new FaultTests.Figures("scale-out changes through both dashboards")
                .with("changes", changes.get())
                .with("eventsRecorded", recorded)
                .with("eventsDelivered", delivered)
                .with("changesReceived", received)
                .with("changesApplied", applied)
                .with("failedAttemptsRetried", failedAttempts)
                .with("wrongOnAReplica", wrong)
                .with("convergedAfter", converged)
                .log();
        assertThat(wrong).isZero();
        assertThat(recorded).isEqualTo(changes.get());
        // Each event was delivered by one dashboard exactly once: replication's claims keep the other from sending it.
        assertThat(delivered).isEqualTo(changes.get());
        // product-service received each at least once; more only when an attempt timed out on the dashboard's side
        // and was sent again, and a change received twice is applied once (older changes are ignored).
        assertThat(received).isGreaterThanOrEqualTo(changes.get()).isLessThanOrEqualTo(changes.get() + failedAttempts);
        assertThat(applied).isLessThanOrEqualTo(changes.get());
    }

    @Test
    @Order(3)
    void likesThroughBothProductServicesCountExactly() throws Exception {
        int users = 60;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(created(dashboardRest, "Popular " + i));
        }
        awaitReplicated(ids);
        List<DevUser> userIds = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            userIds.add(DevUser.registered(
                    stack.tokens(), stack.service("dashboard-service").baseUri()));
        }
        AtomicInteger answeredOk = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> likes = new ArrayList<>();
            for (String id : ids) {
                for (DevUser user : userIds) {
                    likes.add(clients.submit(() -> likeUntilAnswered(id, user, refused)));
                }
            }
            for (Future<Integer> like : likes) {
                // 409 only when a like was counted but its answer lost (a 504), and the user liked again.
                int status = like.get(2, TimeUnit.MINUTES);
                assertThat(status).isIn(200, 409);
                answeredOk.addAndGet(status == 200 ? 1 : 0);
            }
        }
        for (String id : ids) {
            for (ServiceProcess dashboard : dashboards) {
                assertThat(new Http(dashboard.baseUri())
                                .get("/api/products/" + id)
                                .json()
                                .get("likes")
                                .asLong())
                        .isEqualTo(users);
            }
            // Every like is recorded on product-service too: liking again, through either instance, is a conflict.
            for (DevUser user : userIds.subList(0, 10)) {
                for (ServiceProcess product : products) {
                    assertThat(like(new Http(product.baseUri()), id, user).status())
                            .isEqualTo(409);
                }
            }
        }
        new FaultTests.Figures("scale-out likes through both product-services")
                .with("likes", users * ids.size())
                .with("answered200", answeredOk.get())
                .with("refusedWith503or504AndSentAgain", refused.get())
                .log();
    }

    @Test
    @Order(4)
    void stoppingOneInstanceOfEachSideUnderLoadLosesNothingAndCallersMoveToTheSurvivors() throws Exception {
        int users = 150;
        int creates = 40;
        String liked = created(dashboardRest, "Liked while instances stop");
        awaitReplicated(List.of(liked));
        List<DevUser> userIds = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            userIds.add(DevUser.registered(
                    stack.tokens(), stack.service("dashboard-service").baseUri()));
        }
        ServiceProcess survivingDashboard = dashboards.get(0);
        ServiceProcess survivingProduct = products.get(0);
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<String> createdDuringLoad = new ConcurrentLinkedQueue<>();
        // The survivors' gRPC clients count every call that found no instance to take it (UNAVAILABLE, after
        // retries): sampled all along, it tells when the last such call happened, that is when the callers had moved.
        UnavailableCalls unavailable = new UnavailableCalls(List.of(survivingDashboard, survivingProduct));
        long stoppedAt;
        long stoppedBy;
        try (ExecutorService clients = Executors.newFixedThreadPool(12);
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor()) {
            sampler.scheduleAtFixedRate(unavailable::sample, 0, 200, TimeUnit.MILLISECONDS);
            List<Future<Integer>> likes = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < users; i++) {
                DevUser user = userIds.get(i);
                long due = started + TimeUnit.MILLISECONDS.toNanos(30L * i);
                likes.add(clients.submit(() -> {
                    waitUntil(due);
                    return likeUntilAnswered(liked, user, refused);
                }));
            }
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String title = "Made while instances stop " + i;
                long due = started + TimeUnit.MILLISECONDS.toNanos(110L * i);
                made.add(clients.submit(() -> {
                    waitUntil(due);
                    createdDuringLoad.add(createdUntilAnswered(title));
                }));
            }
            // A third of the way in, one instance of each side shuts down gracefully, as a pod does at a roll-out.
            waitUntil(started + TimeUnit.MILLISECONDS.toNanos(30L * users / 3));
            stoppedAt = System.nanoTime();
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> dashboards.get(1).stop(FaultTests.STOP_TIMEOUT)),
                            CompletableFuture.runAsync(() -> products.get(1).stop(FaultTests.STOP_TIMEOUT)))
                    .join();
            stoppedBy = System.nanoTime();
            for (Future<Integer> like : likes) {
                assertThat(like.get(2, TimeUnit.MINUTES)).isIn(200, 409);
            }
            for (Future<?> create : made) {
                create.get(2, TimeUnit.MINUTES);
            }
            unavailable.sample();
        }

        Http dashboard = new Http(survivingDashboard.baseUri());
        Duration converged = awaitInSync(operatorOf(survivingDashboard));
        long counted =
                dashboard.get("/api/products/" + liked).json().get("likes").asLong();
        Http product = new Http(survivingProduct.baseUri());
        // Liking again is a conflict for a recorded like; any other answer is logged, so that a failure says which.
        Map<Integer, Long> likedAgain = userIds.stream()
                .collect(Collectors.groupingBy(
                        user -> like(product, liked, user).status(), TreeMap::new, Collectors.counting()));
        long recorded = likedAgain.getOrDefault(409, 0L);
        long missing = createdDuringLoad.stream()
                .filter(id -> product.get("/api/products/" + id).status() != 200)
                .count();
        Duration stopTook = Duration.ofNanos(stoppedBy - stoppedAt);
        Duration lastUnavailableAfterStopped = unavailable.lastIncreaseAfter(stoppedBy);
        new FaultTests.Figures("scale-out one instance of each side stopped under load")
                .with("users", users)
                .with("countedByDashboard", counted)
                .with("recordedByProductService", recorded)
                .with("likedAgainAnswered", likedAgain)
                .with("likesRefusedWith503or504", refused.get())
                .with("productsCreated", createdDuringLoad.size())
                .with("productsMissingOnTheSurvivor", missing)
                .with("survivorsCallsUnavailable", unavailable.total())
                .with("stopTook", stopTook)
                .with("lastUnavailableCallAfterTheStop", lastUnavailableAfterStopped)
                .with("convergedAfter", converged)
                .log();
        assertThat(counted).as("likes counted").isEqualTo(users);
        assertThat(recorded).as("likes recorded").isEqualTo(users);
        assertThat(createdDuringLoad).hasSize(creates);
        assertThat(missing)
                .as("products missing on the surviving product-service")
                .isZero();
        assertThat(lastUnavailableAfterStopped).isLessThanOrEqualTo(MOVE_WITHIN);
    }

    /** The likes of a patient user: sent again while product-service answers 503 or 504, through either instance. */
    private int likeUntilAnswered(String productId, DevUser user, AtomicInteger refused) {
        int[] status = new int[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    status[0] = likeThrough(productRest, productId, user).status();
                    if (status[0] == 503 || status[0] == 504) {
                        refused.incrementAndGet();
                    }
                    return status[0] != 503 && status[0] != 504;
                });
        return status[0];
    }

    private String createdUntilAnswered(String title) {
        String[] id = new String[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Http.Response response =
                            dashboardRest.send(http -> http.post("/api/products", "{\"title\": \"" + title + "\"}"));
                    if (response.status() == 201) {
                        id[0] = response.json().get("id").asString();
                        return true;
                    }
                    return false;
                });
        return id[0];
    }

    private static Http.Response like(Http product, String productId, DevUser user) {
        return FaultTests.like(product, productId, user);
    }

    private static Http.Response likeThrough(Balanced products, String productId, DevUser user) {
        return products.send(product -> like(product, productId, user));
    }

    private static String created(Balanced dashboards, String title) {
        Http.Response response = dashboards.send(http -> http.post("/api/products", "{\"title\": \"" + title + "\"}"));
        assertThat(response.status()).as("create: %s", response).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private void awaitReplicated(List<String> ids) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    for (String id : ids) {
                        for (ServiceProcess product : products) {
                            assertThat(new Http(product.baseUri())
                                            .get("/api/products/" + id)
                                            .status())
                                    .isEqualTo(200);
                        }
                    }
                });
    }

    private Duration awaitBothDashboardsInSync() {
        Duration longest = Duration.ZERO;
        for (ServiceProcess dashboard : dashboards) {
            Duration took = awaitInSync(Http.asOperator(
                    dashboard.managementUri(), stack.settings().grpcKeys().operator()));
            longest = took.compareTo(longest) > 0 ? took : longest;
        }
        return longest;
    }

    // The operator's view of a dashboard's management port: replication and reconciliation.
    private Http operatorOf(ServiceProcess dashboard) {
        return Http.asOperator(
                dashboard.managementUri(), stack.settings().grpcKeys().operator());
    }

    private static Duration awaitInSync(Http dashboard) {
        return FaultTests.awaitConverged(dashboard, Duration.ofSeconds(60));
    }

    /** Calls each instance answered for the methods of {@code services}, from its own metrics. */
    private static Map<ServiceProcess, Double> callsServed(List<ServiceProcess> instances, List<String> services) {
        Map<ServiceProcess, Double> served = new java.util.LinkedHashMap<>();
        for (ServiceProcess instance : instances) {
            Http metrics = metrics(instance);
            served.put(
                    instance,
                    services.stream()
                            .mapToDouble(service ->
                                    FaultTests.counter(metrics, "grpc_server_seconds_count", "rpc_service", service))
                            .sum());
        }
        return served;
    }

    private static Map<ServiceProcess, Double> since(
            Map<ServiceProcess, Double> before, Map<ServiceProcess, Double> now) {
        Map<ServiceProcess, Double> delta = new java.util.LinkedHashMap<>();
        now.forEach((instance, value) -> delta.put(instance, value - before.get(instance)));
        return delta;
    }

    private static double sum(List<ServiceProcess> instances, String counter, String... labels) {
        return instances.stream()
                .mapToDouble(instance -> FaultTests.counter(metrics(instance), counter, labels))
                .sum();
    }

    // Delivery attempts that reached product-service: applied, or ignored as already there.
    private static double deliveries(List<ServiceProcess> dashboards) {
        return dashboards.stream()
                .mapToDouble(dashboard -> FaultTests.counter(
                                metrics(dashboard), "replication_deliveries_total", "outcome", "applied")
                        + FaultTests.counter(metrics(dashboard), "replication_deliveries_total", "outcome", "ignored"))
                .sum();
    }

    // Where an instance serves its metrics: its management port.
    private static Http metrics(ServiceProcess instance) {
        return new Http(instance.managementUri());
    }

    private static Path writeHostsFile(Path hosts) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("127.0.0.1 localhost");
        // Spring Boot and the JDK ask for this machine's own name; it must resolve from the file too.
        lines.add("127.0.0.1 " + InetAddress.getLocalHost().getHostName());
        // A name of its own first for each address: Spring Boot turns the bind address into the name its reverse
        // lookup gives and binds to what that name resolves to, which for a shared name is the first address.
        lines.add(FIRST_ADDRESS + " first-instance.scale-out.test");
        lines.add(SECOND_ADDRESS + " second-instance.scale-out.test");
        for (String name : HEADLESS_NAMES) {
            lines.add(FIRST_ADDRESS + " " + name);
            lines.add(SECOND_ADDRESS + " " + name);
        }
        return Files.write(hosts, lines);
    }

    private static void waitUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            // A load generator's schedule: the next request is due at a time, not after a condition.
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    /** The gRPC client calls of some instances that ended UNAVAILABLE, sampled from their metrics over time. */
    private static final class UnavailableCalls {

        private final List<ServiceProcess> instances;
        private double last = -1;
        private long lastIncrease;

        UnavailableCalls(List<ServiceProcess> instances) {
            this.instances = instances;
        }

        synchronized void sample() {
            try {
                double now = sum(instances, "grpc_client_seconds_count", "grpc_status_code", "UNAVAILABLE");
                if (last >= 0 && now > last) {
                    lastIncrease = System.nanoTime();
                }
                last = now;
            } catch (UncheckedIOException busy) {
                // a sample the loaded machine could not answer in time; the next one will
            }
        }

        synchronized double total() {
            return last;
        }

        /** How long after {@code nanos} the count last grew; zero if it did not grow after then. */
        synchronized Duration lastIncreaseAfter(long nanos) {
            return Duration.ofNanos(Math.max(0, lastIncrease - nanos));
        }
    }

    /**
     * The REST callers' view of several instances, as a Kubernetes Service spreads them: each request goes to the next
     * running instance, and to the one after it when the connection fails (the instance is stopping).
     */
    private static final class Balanced {

        private final List<ServiceProcess> instances;
        private final Supplier<String> token;
        private final AtomicInteger next = new AtomicInteger();

        /** @param token what every request presents as its bearer token, or {@code null} for none */
        Balanced(List<ServiceProcess> instances, Supplier<String> token) {
            this.instances = instances;
            this.token = token;
        }

        Http.Response send(Function<Http, Http.Response> request) {
            UncheckedIOException failed = null;
            for (int tried = 0; tried < 2 * instances.size(); tried++) {
                ServiceProcess instance = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
                if (!instance.isAlive()) {
                    continue;
                }
                try {
                    Http http = new Http(instance.baseUri());
                    return request.apply(token == null ? http : http.withToken(token));
                } catch (UncheckedIOException e) {
                    failed = e;
                }
            }
            throw failed != null ? failed : new IllegalStateException("no instance is running");
        }
    }
}
