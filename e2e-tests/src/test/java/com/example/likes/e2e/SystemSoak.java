package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.DatabaseProvisioner;
import com.example.likes.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system for a long while: about 60 % of its measured capacity of likes, creates, updates, deletes and
 * reads, and every minute a fault, in turn: kill -9 of either service (started again at once), either service
 * frozen for 10 s (SIGSTOP, SIGCONT), every database connection terminated, the database restarted. At the end:
 * nothing a 2xx confirmed is lost, like counts are exact on both sides, the replicas equal the dashboard, no 5xx
 * but 503 and 504 was ever answered, and every fault was recovered from, with how long each took. The load goes on
 * past the duration until the last fault has recovered (two minutes at most). Writes carry the development
 * authorization server's tokens: the editor's for products, each end user's own for registering and liking.
 *
 * <p>Not part of {@code ./mvnw verify}: {@code ./mvnw -pl e2e-tests -am verify -Psoak -Dsoak.duration=30m} (CI runs
 * it for 3 minutes). Needs the services as local processes on Linux (the default e2e stack). Its figures go to the
 * build log ({@code SOAK ...} lines) and to {@code e2e-tests/target/soak-report.txt}.
 */
class SystemSoak {

    private static final Duration DURATION =
            Duration.parse("PT" + System.getProperty("soak.duration", "3m").toUpperCase());
    private static final Duration BETWEEN_FAULTS = Duration.ofMinutes(1);
    private static final Duration FREEZE = Duration.ofSeconds(10);
    /** The least time a fault has, once healed, before the next one. */
    private static final Duration RECOVERY_ROOM = Duration.ofSeconds(20);
    /** Recovered: this long without a single request refused (503), timed out (504) or unanswered. */
    private static final int CLEAN_SECONDS = 10;
    /** How long the load goes on past the duration, at most, for the last fault to recover. */
    private static final Duration LAST_RECOVERY = Duration.ofMinutes(2);

    private static final Duration CALIBRATION = Duration.ofSeconds(20);
    private static final int CALIBRATION_WORKERS = 32;
    private static final double SHARE_OF_CAPACITY = 0.6;
    /** How long a client waits for an answer. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /**
     * How long setup waits for each service's first answer and for the first products to reach product-service: a
     * service just started on a busy machine answers its first requests, and delivers its first changes, slowly.
     */
    private static final Duration SETUP_PATIENCE = Duration.ofSeconds(60);

    private static final int LIKED_PRODUCTS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
    private final URI dashboard = system.dashboardHttp();
    private final URI product = system.productHttp();
    private final Http dashboardOps =
            Http.asOperator(system.dashboardManagement(), system.grpcKeys().operator());
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    /** Every answer, by second since the load began and by what it was (a status, or 0 for no answer). */
    private final Map<Long, Map<Integer, AtomicInteger>> answers = new ConcurrentHashMap<>();

    private volatile long loadStarted;

    // What the system confirmed: products by id with their last confirmed title (null once deleted), likes by pair.
    private final Map<String, String> confirmedTitles = new ConcurrentHashMap<>();
    private final Set<String> uncertainProducts = ConcurrentHashMap.newKeySet();
    private final Queue<String> idleProducts = new ConcurrentLinkedQueue<>();
    private final List<String> likedProducts = new ArrayList<>();
    private final Queue<DevUser> users = new ConcurrentLinkedQueue<>();
    private final Map<String, DevUser> usersById = new ConcurrentHashMap<>();
    private final Set<String> likesSent = ConcurrentHashMap.newKeySet();
    private final Set<String> likesSettled = ConcurrentHashMap.newKeySet();
    private final AtomicLong serial = new AtomicLong();

    @Test
    void underSteadyLoadAndAFaultEveryMinuteNothingConfirmedIsLostAndEveryFaultIsRecovered() throws Exception {
        setUp();
        double capacity = calibrate();
        double rate = capacity * SHARE_OF_CAPACITY;
        answers.clear();
        List<Fault> faults = List.of(
                new Fault("kill -9 dashboard-service", () -> killAndRestart(system.dashboard())),
                new Fault("kill -9 product-service", () -> killAndRestart(system.product())),
                new Fault("freeze dashboard-service 10 s", () -> freeze(system.dashboard())),
                new Fault("freeze product-service 10 s", () -> freeze(system.product())),
                new Fault("terminate every database connection", this::terminateDatabaseConnections),
                new Fault("restart the database", this::restartDatabase));
        List<Injected> injected = new ArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        loadStarted = System.nanoTime();
        Thread load = Thread.ofPlatform().name("soak-load").start(() -> offer(rate, loading));
        try {
            long healed = loadStarted;
            for (int n = 0; ; n++) {
                // Every minute, but never before the last fault has had its room to recover (a restart on a busy
                // machine may take most of a minute).
                long due = Math.max(
                        loadStarted + BETWEEN_FAULTS.toNanos() * n + BETWEEN_FAULTS.toNanos() / 2,
                        healed + RECOVERY_ROOM.toNanos());
                if (due > loadStarted + DURATION.toNanos()) {
                    break;
                }
                sleepUntil(due);
                Fault fault = faults.get(n % faults.size());
                long at = System.nanoTime();
                fault.inject().run();
                healed = System.nanoTime();
                injected.add(new Injected(fault.name(), secondOf(at), secondOf(healed)));
            }
            sleepUntil(loadStarted + DURATION.toNanos());
            if (!injected.isEmpty()) {
                awaitRecovery(injected.getLast());
            }
        } finally {
            loading.set(false);
            load.join(Duration.ofSeconds(30));
            FaultTests.restoreBothServices(system);
        }

        Report report = check(rate, capacity, injected);
        report.write();
        assertThat(report.otherServerErrors()).as("5xx other than 503 and 504").isZero();
        assertThat(report.lostProducts).as("confirmed products or edits lost").isEmpty();
        assertThat(report.likesCounted).as("likes counted by the dashboard").isEqualTo(report.likesMade);
        assertThat(report.likesRecorded).as("likes recorded by product-service").isEqualTo(report.likesMade);
        assertThat(injected)
                .allSatisfy(fault -> assertThat(report.recovery(fault))
                        .as("recovery after " + fault.name())
                        .isNotNull());
    }

    /**
     * Keeps the load on past the duration until the last fault has recovered, so that a fault that came late still
     * gets its recovery time; gives up after {@link #LAST_RECOVERY}, and the report says "never".
     */
    private void awaitRecovery(Injected last) {
        try {
            await().atMost(LAST_RECOVERY)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Report.recovery(answers, last.began(), secondOf(System.nanoTime())) != null);
        } catch (ConditionTimeoutException e) {
            System.out.println("SOAK " + last.name() + ": not recovered " + LAST_RECOVERY.toSeconds()
                    + " s after the load's planned end");
        }
    }

    /** Waits for each service to answer a first read, then makes the products that the likes go to. */
    private void setUp() {
        Http dashboardClient = system.dashboardAsEditor();
        Http productClient = new Http(product);
        for (Http service : List.of(new Http(dashboard), productClient)) {
            await().atMost(SETUP_PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> service.get("/api/products?size=1").status() == 200);
        }
        for (int i = 0; i < LIKED_PRODUCTS; i++) {
            likedProducts.add(
                    FaultTests.replicatedProduct(dashboardClient, productClient, "Soak liked " + i, SETUP_PATIENCE));
        }
    }

    /** Throughput of the mix with {@link #CALIBRATION_WORKERS} clients that send as fast as they are answered. */
    private double calibrate() throws InterruptedException {
        AtomicInteger answered = new AtomicInteger();
        long end = System.nanoTime() + CALIBRATION.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALIBRATION_WORKERS; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (oneOperation() / 100 == 2) {
                            answered.incrementAndGet();
                        }
                    }
                });
            }
        }
        double capacity = answered.get() / (double) CALIBRATION.toSeconds();
        System.out.printf(
                "SOAK capacity of the mix: %.0f operations/s with %d clients%n", capacity, CALIBRATION_WORKERS);
        return capacity;
    }

    /** Sends operations at {@code rate} a second, each on a virtual thread of its own, whatever the answers. */
    private void offer(double rate, AtomicBoolean loading) {
        long interval = (long) (1_000_000_000L / rate);
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long next = System.nanoTime(); loading.get(); next += interval) {
                sleepUntil(next);
                requests.submit(this::oneOperation);
            }
        }
    }

    /** One operation of the mix: half likes, a fifth reads, the rest creates, updates and deletes. */
    private int oneOperation() {
        int pick = ThreadLocalRandom.current().nextInt(100);
        if (pick < 50) {
            return like();
        }
        if (pick < 70) {
            return read();
        }
        if (pick < 85) {
            return create();
        }
        return pick < 95 ? update() : delete();
    }

    private int like() {
        DevUser user = users.poll();
        if (user == null) {
            DevUser fresh = DevUser.unregistered(system);
            Answer registered = exchange(dashboard, "POST", "/api/users", "{}", fresh.token());
            if (registered.status() == 201 || registered.status() == 200) {
                DevUser known =
                        new DevUser(fresh.name(), registered.json().get("id").asString(), fresh.token());
                usersById.put(known.id(), known);
                users.add(known);
            }
            return registered.status();
        }
        String productId = likedProducts.get(ThreadLocalRandom.current().nextInt(likedProducts.size()));
        likesSent.add(productId + " " + user.id());
        int status = send(product, "POST", "/api/products/" + productId + "/like", "", user.token());
        if (status == 200 || status == 409) {
            likesSettled.add(productId + " " + user.id());
        }
        // A user likes each product once at most: back into the pool for another product.
        if (likesSentBy(user.id()) < LIKED_PRODUCTS) {
            users.add(user);
        }
        return status;
    }

    private long likesSentBy(String user) {
        return likedProducts.stream()
                .filter(p -> likesSent.contains(p + " " + user))
                .count();
    }

    private int read() {
        String id = idleProducts.peek();
        return ThreadLocalRandom.current().nextBoolean() || id == null
                ? send(product, "GET", "/api/products?size=20", null, null)
                : send(dashboard, "GET", "/api/products/" + id, null, null);
    }

    private int create() {
        String title = "Soak " + serial.incrementAndGet();
        Answer answer = exchange(dashboard, "POST", "/api/products", "{\"title\": \"" + title + "\"}", editor());
        if (answer.status() == 201) {
            String id = answer.json().get("id").asString();
            confirmedTitles.put(id, title);
            idleProducts.add(id);
        }
        return answer.status();
    }

    private int update() {
        String id = idleProducts.poll();
        if (id == null) {
            return create();
        }
        String title = "Soak " + serial.incrementAndGet();
        int status = send(dashboard, "PATCH", "/api/products/" + id, "{\"title\": \"" + title + "\"}", editor());
        settle(id, status, 200, title);
        return status;
    }

    private int delete() {
        String id = idleProducts.poll();
        if (id == null) {
            return create();
        }
        int status = send(dashboard, "DELETE", "/api/products/" + id, null, editor());
        settle(id, status, 204, null);
        return status;
    }

    /** Records what an edit's answer confirms; an edit without a clear answer leaves its product uncertain. */
    private void settle(String id, int status, int success, String title) {
        if (status == success) {
            if (title == null) {
                confirmedTitles.put(id, "");
                return;
            }
            confirmedTitles.put(id, title);
        } else if (status / 100 != 4) {
            uncertainProducts.add(id);
            return;
        }
        idleProducts.add(id);
    }

    /** The product editor's token, for every change to a product. */
    private Supplier<String> editor() {
        return system.tokens()::editor;
    }

    private int send(URI base, String method, String path, String body, Supplier<String> token) {
        return exchange(base, method, path, body, token).status();
    }

    /** One request, with {@code token} as its bearer token unless null; a token that cannot be had is no answer. */
    private Answer exchange(URI base, String method, String path, String body, Supplier<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(PATIENCE)
                .header("Content-Type", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        Answer answer;
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token.get());
            }
            var response = http.send(request.build(), BodyHandlers.ofString());
            answer = new Answer(response.statusCode(), response.body());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            answer = new Answer(0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(0, "");
        }
        if (loadStarted != 0) {
            answers.computeIfAbsent(secondOf(System.nanoTime()), s -> new ConcurrentHashMap<>())
                    .computeIfAbsent(answer.status(), s -> new AtomicInteger())
                    .incrementAndGet();
        }
        return answer;
    }

    private void killAndRestart(ServiceProcess service) {
        service.kill();
        FaultTests.startAndAwaitReady(service);
    }

    private void freeze(ServiceProcess service) {
        signal(service.pid(), "STOP");
        sleepUntil(System.nanoTime() + FREEZE.toNanos());
        signal(service.pid(), "CONT");
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                    .as("kill -%s %d", signal, pid)
                    .isTrue();
        } catch (IOException e) {
            throw new IllegalStateException("could not send SIG" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void terminateDatabaseConnections() {
        query("""
                select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                where datname in ('dashboard', 'product') and pid <> pg_backend_pid()""");
    }

    /**
     * Restarts PostgreSQL as an operator would ({@code pg_ctl restart -m fast}): every connection ends and the server
     * refuses new ones until it is up again. The server's binaries and data are where it says they are.
     */
    private void restartDatabase() {
        String dataDirectory = query("select setting from pg_settings where name = 'data_directory'");
        try {
            long pid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid"))
                    .getFirst()
                    .trim());
            Path pgCtl = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                    .resolveSibling("pg_ctl");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL's tools refuse to run as root. The embedded server was started the way zonky starts it
                // then, in a user namespace of its own, where root is an ordinary user; so is its restart.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl.toString(), "restart", "-D", dataDirectory, "-m", "fast", "-w"));
            Process restart = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of(dataDirectory)
                            .resolveSibling("soak-pg-restart.log")
                            .toFile())
                    .start();
            assertThat(restart.waitFor(2, TimeUnit.MINUTES) && restart.exitValue() == 0)
                    .as("pg_ctl restart")
                    .isTrue();
        } catch (IOException e) {
            throw new IllegalStateException("could not restart PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String query(String sql) {
        DatabaseProvisioner database = system.stack().database();
        try (Connection admin = DriverManager.getConnection(
                        database.adminJdbcUrl(), database.adminUser(), database.adminPassword());
                Statement statement = admin.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Map<String, Long> likesPerProduct(String database, String sql) {
        DatabaseProvisioner server = system.stack().database();
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(
                        server.jdbcUrlOf(database), server.adminUser(), server.adminPassword());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                counts.put(result.getString(1), result.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return counts;
    }

    /** Settles every like whose answer was lost, converges, and compares what was confirmed with what is stored. */
    private Report check(double rate, double capacity, List<Injected> injected) {
        loadStarted = 0;
        Http productClient = new Http(product);
        for (String pair : likesSent) {
            if (likesSettled.contains(pair)) {
                continue;
            }
            String[] parts = pair.split(" ");
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        int status = FaultTests.like(productClient, parts[0], usersById.get(parts[1]))
                                .status();
                        return status == 200 || status == 409;
                    });
        }
        Duration converged = FaultTests.awaitConverged(dashboardOps, Duration.ofMinutes(2));
        Http dashboardClient = new Http(dashboard);
        List<String> lost = new ArrayList<>();
        confirmedTitles.forEach((id, title) -> {
            if (uncertainProducts.contains(id)) {
                return;
            }
            for (Http side : List.of(dashboardClient, productClient)) {
                Http.Response stored = side.get("/api/products/" + id);
                boolean kept = title.isEmpty()
                        ? stored.status() == 404
                        : stored.status() == 200
                                && title.equals(stored.json().get("title").asString());
                if (!kept) {
                    lost.add(id + " (" + stored.status() + ")");
                }
            }
        });
        Map<String, Long> expected =
                likesSent.stream().collect(Collectors.groupingBy(pair -> pair.split(" ")[0], Collectors.counting()));
        Map<String, Long> counted = likesPerProduct("dashboard", "select id::text, likes from product where likes > 0");
        Map<String, Long> recorded =
                likesPerProduct("product", "select product_id::text, count(*) from product_like group by product_id");
        return new Report(
                rate,
                capacity,
                injected,
                new TreeMap<>(answers),
                lost,
                expected.values().stream().mapToLong(Long::longValue).sum(),
                likedProducts.stream()
                        .mapToLong(id -> counted.getOrDefault(id, 0L))
                        .sum(),
                likedProducts.stream()
                        .mapToLong(id -> recorded.getOrDefault(id, 0L))
                        .sum(),
                converged,
                confirmedTitles.size(),
                uncertainProducts.size());
    }

    private long secondOf(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos - loadStarted);
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            // The load's own clock: nothing to wait on but time.
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private record Fault(String name, Runnable inject) {}

    /** A fault as it happened: from the second it began to the second it was healed (a restart done, a thaw). */
    private record Injected(String name, long began, long healed) {}

    private record Report(
            double rate,
            double capacity,
            List<Injected> faults,
            Map<Long, Map<Integer, AtomicInteger>> answers,
            List<String> lostProducts,
            long likesMade,
            long likesCounted,
            long likesRecorded,
            Duration converged,
            long products,
            long uncertain) {

        long otherServerErrors() {
            return answers.values().stream()
                    .flatMap(second -> second.entrySet().stream())
                    .filter(e -> e.getKey() / 100 == 5 && e.getKey() != 503 && e.getKey() != 504)
                    .mapToLong(e -> e.getValue().get())
                    .sum();
        }

        /**
         * Seconds from a fault's beginning to the start of the first {@link #CLEAN_SECONDS} seconds in which no request
         * was refused (503), timed out (504) or left unanswered, before the next fault; {@code null} if there was none.
         */
        Long recovery(Injected fault) {
            long until = faults.stream()
                    .mapToLong(Injected::began)
                    .filter(began -> began > fault.began())
                    .min()
                    .orElse(answers.isEmpty() ? fault.began() : ((TreeMap<Long, ?>) answers).lastKey() + 1);
            return recovery(answers, fault.began(), until);
        }

        /** The recovery of a fault that began at second {@code began}, from the answers before second {@code until}. */
        static Long recovery(Map<Long, Map<Integer, AtomicInteger>> answers, long began, long until) {
            long cleanSince = began;
            for (long second = began; second < until; second++) {
                if (failed(answers, second) > 0) {
                    cleanSince = second + 1;
                } else if (second + 1 - cleanSince >= CLEAN_SECONDS) {
                    return cleanSince - began;
                }
            }
            return null;
        }

        private static long failed(Map<Long, Map<Integer, AtomicInteger>> answers, long second) {
            return answers.getOrDefault(second, Map.of()).entrySet().stream()
                    .filter(e -> e.getKey() == 0 || e.getKey() == 503 || e.getKey() == 504)
                    .mapToLong(e -> e.getValue().get())
                    .sum();
        }

        private Map<Integer, Long> statusesBetween(long from, long to) {
            Map<Integer, Long> statuses = new TreeMap<>();
            answers.forEach((second, counts) -> {
                if (second >= from && second < to) {
                    counts.forEach((status, n) -> statuses.merge(status, (long) n.get(), Long::sum));
                }
            });
            return statuses;
        }

        void write() throws IOException {
            List<String> lines = new ArrayList<>();
            long last = answers.isEmpty() ? 0 : ((TreeMap<Long, ?>) answers).lastKey() + 1;
            lines.add("SOAK load: %.0f operations/s offered (%.0f %% of the measured %.0f/s), %d s, %d faults"
                    .formatted(rate, SHARE_OF_CAPACITY * 100, capacity, last, faults.size()));
            for (Injected fault : faults) {
                long next = faults.stream()
                        .mapToLong(Injected::began)
                        .filter(began -> began > fault.began())
                        .min()
                        .orElse(last);
                lines.add("SOAK fault at %d s: %s; healed after %d s; recovered after %s; answers until the next: %s"
                        .formatted(
                                fault.began(),
                                fault.name(),
                                fault.healed() - fault.began(),
                                recovery(fault) == null ? "never" : recovery(fault) + " s",
                                statusesBetween(fault.began(), next)));
            }
            lines.add("SOAK answers in all: %s (0 = no answer within %d s)"
                    .formatted(statusesBetween(0, last), PATIENCE.toSeconds()));
            lines.add("SOAK products confirmed %d (uncertain after an unanswered edit %d), lost %d; likes made %d,"
                            .formatted(products, uncertain, lostProducts.size(), likesMade)
                    + " counted by the dashboard %d, recorded by product-service %d; converged %d ms after the load"
                            .formatted(likesCounted, likesRecorded, converged.toMillis()));
            lostProducts.stream().limit(20).forEach(id -> lines.add("SOAK lost: " + id));
            lines.forEach(System.out::println);
            Path report = Path.of(System.getProperty("e2e.workDirectory", "target/stack"))
                    .resolveSibling("soak-report.txt");
            Files.write(report, lines);
        }
    }
}
