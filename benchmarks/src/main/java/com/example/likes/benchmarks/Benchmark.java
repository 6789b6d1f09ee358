package com.example.likes.benchmarks;

import com.example.likes.benchmarks.bare.BareServerProcess;
import com.example.likes.benchmarks.external.ExternalTool;
import com.example.likes.benchmarks.load.AsyncTarget;
import com.example.likes.benchmarks.load.Load;
import com.example.likes.benchmarks.load.LoadGenerator;
import com.example.likes.benchmarks.load.LoadResult;
import com.example.likes.benchmarks.load.Monitor;
import com.example.likes.benchmarks.load.Target;
import com.example.likes.benchmarks.report.Results;
import com.example.likes.benchmarks.report.Run;
import com.example.likes.benchmarks.report.Targets;
import com.example.likes.benchmarks.system.JitMonitor;
import com.example.likes.benchmarks.system.ResourceMonitor;
import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The scenarios of one run, against a stack that is up: start-up and idle memory, test data, then a (one hop, gRPC vs
 * REST), b (the platform vs a bare server), c (likes and replication end to end), d (bytes on the wire) and the
 * external tools' check, each measured with the processes' CPU and memory.
 */
final class Benchmark {

    static final String DASHBOARD = "dashboard-service";
    static final String PRODUCT = "product-service";
    static final String GENERATOR = "generator";
    static final String BARE = "bare-server";
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Every how many creates a client probes product-service for the replication lag (see ReplicationProbes). */
    private static final int LAG_SAMPLE_EVERY = 50;

    private static final int MAX_IN_FLIGHT = 256;
    private static final int EXTERNAL_ROUNDS = 2;

    private final Mode mode;
    private final Path out;
    private final LocalStack stack;
    private final Results results;
    private final PrintStream progress;
    private final long startedNanos;
    private final LoadGenerator generator;
    private final ResourceMonitor monitor;
    private final AtomicLong pairs = new AtomicLong();
    private TestData data;
    private ManagedChannel dashboardChannel;
    private Channel dashboard;

    Benchmark(Mode mode, Path out, LocalStack stack, Results results, PrintStream progress, long startedNanos) {
        this.startedNanos = startedNanos;
        this.mode = mode;
        this.out = out;
        this.stack = stack;
        this.results = results;
        this.progress = progress;
        this.generator = new LoadGenerator(progress);
        Map<String, LongSupplier> processes = new LinkedHashMap<>();
        processes.put(DASHBOARD, () -> stack.dashboard().pid());
        processes.put(PRODUCT, () -> stack.product().pid());
        processes.put(GENERATOR, () -> ProcessHandle.current().pid());
        this.monitor = new ResourceMonitor(processes);
    }

    void run(Set<String> scenarios) throws Exception {
        startup();
        step("test data: %d users and %d products".formatted(mode.users(), mode.products()));
        data = TestData.create(stack.dashboard().httpPort(), stack.product().httpPort(), mode.users(), mode.products());
        dashboardChannel = GrpcCalls.channel(stack.dashboard().grpcPort());
        dashboard =
                GrpcCalls.withKey(dashboardChannel, stack.settings().grpcKeys().productService());
        try {
            warmUp(scenarios);
            if (scenarios.contains("a")) {
                oneHop();
            }
            if (scenarios.contains("b")) {
                platformOverhead();
            }
            if (scenarios.contains("c")) {
                endToEnd();
            }
            if (scenarios.contains("d")) {
                wire();
            }
            if (scenarios.contains("x")) {
                externalTools();
            }
            if (scenarios.contains("e")) {
                coldStart();
            }
        } finally {
            GrpcCalls.shutdown(dashboardChannel);
        }
        Map<String, Long> rss = monitor.rssNow();
        results.rssAfter.put(DASHBOARD, rss.get(DASHBOARD));
        results.rssAfter.put(PRODUCT, rss.get(PRODUCT));
    }

    /** Time to ready as the stack started them (both at once), then each alone; memory once both are idle. */
    private void startup() {
        results.startup.put(
                DASHBOARD + " (both starting at once)", stack.dashboard().startupTime());
        results.startup.put(
                PRODUCT + " (both starting at once)", stack.product().startupTime());
        if (mode.restartAlone()) {
            for (ServiceProcess service : List.of(stack.product(), stack.dashboard())) {
                step("restarting " + service.name() + " alone, to time its start");
                service.stop(Duration.ofSeconds(30));
                service.start();
                service.awaitReady(LocalStack.READY_TIMEOUT);
                results.startup.put(service.name() + " (started alone)", service.startupTime());
            }
        }
        pause(SETTLE);
        Map<String, Long> rss = monitor.rssNow();
        results.rssIdle.put(DASHBOARD, rss.get(DASHBOARD));
        results.rssIdle.put(PRODUCT, rss.get(PRODUCT));
    }

    /**
     * Runs every path the scenarios measure for a while before any is measured, so that both services' JIT compilers
     * have seen all of them: otherwise the first scenarios would measure a colder JVM than the last. Each load then
     * has a warm-up of its own as well.
     */
    private void warmUp(Set<String> scenarios) {
        step("warm-up: every measured path, %d s each, not measured"
                .formatted(mode.globalWarmUp().toSeconds()));
        Load.Closed load = new Load.Closed(16, mode.globalWarmUp(), Duration.ofSeconds(1));
        if (scenarios.contains("a") || scenarios.contains("b") || scenarios.contains("x")) {
            generator.run("warm-up GetUser gRPC", GrpcCalls.getUserAsync(dashboard, data.users()), load, Monitor.NONE);
            generator.run(
                    "warm-up GetUser REST",
                    RestCalls.getUser(stack.dashboard().httpPort(), data.users()),
                    load,
                    Monitor.NONE);
        }
        if (scenarios.contains("c") || scenarios.contains("e")) {
            generator.run("warm-up like", RestCalls.like(stack.product().httpPort(), data, pairs), load, Monitor.NONE);
            try (ReplicationProbes probes =
                    new ReplicationProbes(stack.product().httpPort(), LAG_SAMPLE_EVERY)) {
                generator.run(
                        "warm-up create",
                        RestCalls.createProduct(stack.dashboard().httpPort(), probes),
                        new Load.Closed(4, mode.globalWarmUp(), Duration.ofSeconds(1)),
                        Monitor.NONE);
            }
        }
    }

    /** a. GetUser by id, the same users, from this process to the dashboard: gRPC and REST, side by side. */
    private void oneHop() {
        Target grpc = GrpcCalls.getUser(dashboard, data.users());
        AsyncTarget grpcAsync = GrpcCalls.getUserAsync(dashboard, data.users());
        Target rest = RestCalls.getUser(stack.dashboard().httpPort(), data.users());
        step("a. one hop: GetUser over gRPC and over REST/JSON");
        for (int concurrency : mode.concurrencies()) {
            Load.Closed load = new Load.Closed(concurrency, mode.warmUp(), mode.duration());
            measure("a", "GetUser gRPC", grpcAsync, load);
            measure("a", "GetUser REST", rest, load);
        }
        if (mode.openGetUserRate() > 0) {
            Load load = new Load.Open(mode.openGetUserRate(), MAX_IN_FLIGHT, mode.warmUp(), mode.duration());
            measure("a", "GetUser gRPC", grpc, load);
            measure("a", "GetUser REST", rest, load);
        }
    }

    /** b. The same GetUser on a bare grpc-java server over the same table, against ours with every interceptor. */
    private void platformOverhead() throws IOException {
        step("b. platform overhead: a bare grpc-java server answering GetUser from the dashboard's database");
        try (BareServerProcess bare = BareServerProcess.start(
                StackSettings.freePort(), stack.dashboard().environment(), out.resolve("stack/logs/bare-server.log"))) {
            monitor.watch(BARE, bare::pid);
            ManagedChannel channel = GrpcCalls.channel(bare.port());
            try {
                AsyncTarget target = GrpcCalls.getUserAsync(channel, data.users());
                // The dashboard's JIT has been warmed by scenario a; give the fresh JVM the same chance.
                Duration warm = Duration.ofSeconds(Math.max(8, 2 * mode.warmUp().toSeconds()));
                generator.run(
                        "bare server JIT warm-up",
                        target,
                        new Load.Closed(8, warm, Duration.ofSeconds(1)),
                        Monitor.NONE);
                for (int concurrency : mode.bareConcurrencies()) {
                    Load.Closed load = new Load.Closed(concurrency, mode.warmUp(), mode.duration());
                    measure("b", "GetUser bare grpc-java", target, load);
                    if (results.run("GetUser gRPC, " + load.label()).isEmpty()) {
                        measure("b", "GetUser gRPC", GrpcCalls.getUserAsync(dashboard, data.users()), load);
                    }
                }
            } finally {
                GrpcCalls.shutdown(channel);
                monitor.unwatch(BARE);
            }
        }
    }

    /** c. Likes through product-service (REST, GetUser, record, LikeProduct), and creates reaching product-service. */
    private void endToEnd() throws Exception {
        step("c. end to end: likes through product-service, distinct (product, user) pairs");
        Target like = RestCalls.like(stack.product().httpPort(), data, pairs);
        for (int concurrency : mode.likeConcurrencies()) {
            measure("c", "Like end to end", like, new Load.Closed(concurrency, mode.warmUp(), mode.duration()));
        }
        if (mode.likeSustainableRate() > 0) {
            measure(
                    "c",
                    "Like end to end",
                    like,
                    new Load.Open(mode.likeSustainableRate(), MAX_IN_FLIGHT, mode.warmUp(), mode.duration()));
        }
        measure(
                "c",
                "Like end to end",
                like,
                new Load.Open(Targets.LIKE_TARGET_RATE, MAX_IN_FLIGHT, mode.warmUp(), mode.duration()));

        step("c. replication: creates at 200/s, commit to product-service");
        try (ReplicationProbes probes = new ReplicationProbes(stack.product().httpPort(), LAG_SAMPLE_EVERY)) {
            String[] before = new String[1];
            Monitor lag = new Monitor() {
                @Override
                public void begin() {
                    before[0] = scrape(stack.dashboard());
                    probes.begin();
                }
            };
            Run run = measure(
                    "c",
                    "Create product",
                    RestCalls.createProduct(stack.dashboard().httpPort(), probes),
                    new Load.Open(Targets.CREATE_RATE, MAX_IN_FLIGHT, mode.warmUp(), mode.lagDuration()),
                    lag);
            ReplicationProbes.Measured seen = probes.awaitAll(Duration.ofSeconds(40));
            String metric = "replication_lag_seconds";
            PrometheusSummary timer = PrometheusSummary.parse(scrape(stack.dashboard()), metric);
            long deliveries =
                    timer.count() - PrometheusSummary.parse(before[0], metric).count();
            results.lag = new Results.Lag(
                    Targets.CREATE_RATE,
                    run.result().requests(),
                    deliveries,
                    timer.p50Seconds() * 1000,
                    timer.p99Seconds() * 1000,
                    LAG_SAMPLE_EVERY,
                    seen.lag().getTotalCount(),
                    seen.lag().getValueAtPercentile(50) / 1e6,
                    seen.lag().getValueAtPercentile(99) / 1e6,
                    seen.polls(),
                    seen.failures(),
                    seen.firstFailures());
        }
    }

    /**
     * e. What a deploy meets: both services stopped, started at once, and a closed loop of likes (new pairs, as in c)
     * started the moment both report ready, its throughput counted second by second against the warm rate of c at
     * the same concurrency. Last, so that every other scenario measured the warm services.
     */
    private void coldStart() {
        step("e. cold start: both services started at once, likes from the moment both are ready");
        ServiceProcess dashboardService = stack.dashboard();
        ServiceProcess productService = stack.product();
        productService.stop(Duration.ofSeconds(30));
        dashboardService.stop(Duration.ofSeconds(30));
        dashboardService.start();
        productService.start();
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> dashboardService.awaitReady(LocalStack.READY_TIMEOUT)),
                        CompletableFuture.runAsync(() -> productService.awaitReady(LocalStack.READY_TIMEOUT)))
                .join();
        Map<String, Duration> startup = new LinkedHashMap<>();
        startup.put(DASHBOARD, dashboardService.startupTime());
        startup.put(PRODUCT, productService.startupTime());
        Map<String, LongSupplier> services = new LinkedHashMap<>();
        services.put(DASHBOARD, dashboardService::pid);
        services.put(PRODUCT, productService::pid);
        JitMonitor jit = new JitMonitor(services, Duration.ofSeconds(Results.Cold.FIRST_SECONDS));
        Run run = measure(
                "e",
                "Like from a cold start",
                RestCalls.like(productService.httpPort(), data, pairs),
                new Load.Closed(mode.coldConcurrency(), Duration.ZERO, mode.coldDuration()),
                jit);
        double warm = results.run("Like end to end, closed c=" + mode.coldConcurrency())
                .map(r -> r.result().throughput())
                .orElse(Double.NaN);
        results.cold = new Results.Cold(mode.coldConcurrency(), run.result().perSecond(), warm, startup, jit.shares());
    }

    /** d. Bytes on the wire per GetUser, protobuf over HTTP/2 against JSON over HTTP/1.1. */
    private void wire() throws IOException {
        step("d. bytes on the wire per call");
        String user = data.users().getFirst();
        results.wire.add(WireBytes.grpc(
                stack.dashboard().grpcPort(), stack.settings().grpcKeys().productService(), user, mode.wireCalls()));
        results.wire.add(WireBytes.rest(stack.dashboard().httpPort(), user, mode.wireCalls()));
    }

    /** Our generator and an external tool, one after the other, on the same request at the same concurrency. */
    private void externalTools() throws Exception {
        String user = data.users().getFirst();
        Load.Closed load = new Load.Closed(64, mode.warmUp(), mode.duration());
        if (ExternalTool.installed("h2load")) {
            step("external check: h2load against the generator, gRPC GetUser of one user, 64 streams on 1 connection");
            AsyncTarget oneUser = GrpcCalls.getUserAsync(dashboard, List.of(user));
            List<Run> ours = new ArrayList<>();
            List<ExternalTool.Result> theirs = new ArrayList<>();
            for (int round = 0; round < EXTERNAL_ROUNDS; round++) {
                ours.add(measure("x", "GetUser gRPC, one user, before h2load " + (round + 1), oneUser, load));
                ExternalTool.Result h2load = ExternalTool.h2load(
                        stack.dashboard().grpcPort(),
                        "/dashboard.v1.UserService/GetUser",
                        stack.settings().grpcKeys().productService(),
                        GetUserRequest.newBuilder().setId(user).build().toByteArray(),
                        64,
                        mode.warmUp(),
                        mode.duration());
                progress.println(h2load.output());
                theirs.add(h2load);
            }
            ours.add(measure("x", "GetUser gRPC, one user, after h2load", oneUser, load));
            results.external.add(check("gRPC GetUser, 64 streams on one connection", "h2load", ours, theirs));
        } else {
            results.notes.add("h2load is not installed (apt-get install nghttp2-client): its check was skipped.");
        }
        if (ExternalTool.installed("wrk")) {
            step("external check: wrk against the generator, REST GET /api/users/{id} of one user, 64 connections");
            Target oneUser = RestCalls.getUser(stack.dashboard().httpPort(), List.of(user));
            List<Run> ours = new ArrayList<>();
            List<ExternalTool.Result> theirs = new ArrayList<>();
            for (int round = 0; round < EXTERNAL_ROUNDS; round++) {
                ours.add(measure("x", "GetUser REST, one user, before wrk " + (round + 1), oneUser, load));
                ExternalTool.Result wrk =
                        ExternalTool.wrk(stack.dashboard().httpPort(), "/api/users/" + user, 64, 2, mode.duration());
                progress.println(wrk.output());
                theirs.add(wrk);
            }
            ours.add(measure("x", "GetUser REST, one user, after wrk", oneUser, load));
            results.external.add(check("REST GET /api/users/{id}, 64 connections", "wrk", ours, theirs));
        } else {
            results.notes.add("wrk is not installed (apt-get install wrk): its check was skipped.");
        }
    }

    /**
     * Our runs and the tool's alternate (ours, tool, ours, tool, ours), so that a drift of the services (JIT, heap,
     * database) over the minutes they take favours neither: each side is the mean of its runs.
     */
    private static Results.ExternalCheck check(
            String scenario, String tool, List<Run> ours, List<ExternalTool.Result> theirs) {
        return new Results.ExternalCheck(
                scenario,
                tool,
                theirs.getFirst().command(),
                ours.stream().map(run -> run.result().throughput()).toList(),
                theirs.stream().map(ExternalTool.Result::throughput).toList(),
                theirs.getLast().latency(),
                ours.stream()
                        .mapToDouble(
                                run -> run.resources().cpuMillisPerRequest().getOrDefault(GENERATOR, Double.NaN))
                        .average()
                        .orElse(Double.NaN),
                theirs.stream()
                        .mapToDouble(ExternalTool.Result::cpuMillisPerRequest)
                        .average()
                        .orElse(Double.NaN));
    }

    private Run measure(String scenario, String name, AsyncTarget target, Load.Closed load) {
        LoadResult result = generator.run(name, target, load, monitor);
        Run run = new Run(scenario, name, result, monitor.usage());
        results.runs.add(run);
        return run;
    }

    private Run measure(String scenario, String name, Target target, Load load) {
        return measure(scenario, name, target, load, Monitor.NONE);
    }

    private Run measure(String scenario, String name, Target target, Load load, Monitor extra) {
        LoadResult result = generator.run(name, target, load, Monitor.both(monitor, extra));
        Run run = new Run(scenario, name, result, monitor.usage());
        results.runs.add(run);
        return run;
    }

    private void step(String what) {
        progress.printf("== %s (at %d s)%n", what, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
    }

    private static String scrape(ServiceProcess service) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(service.managementUri() + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    // Letting processes settle between phases: nothing to wait on but time.
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
