package com.example.likes.benchmarks;

import com.example.likes.benchmarks.bare.BareServerProcess;
import com.example.likes.benchmarks.clients.GrpcCalls;
import com.example.likes.benchmarks.clients.Http;
import com.example.likes.benchmarks.clients.ReplicationProbes;
import com.example.likes.benchmarks.clients.RestCalls;
import com.example.likes.benchmarks.clients.TestData;
import com.example.likes.benchmarks.load.LoadGenerator;
import com.example.likes.benchmarks.load.Measured;
import com.example.likes.benchmarks.load.Settle;
import com.example.likes.benchmarks.load.Target;
import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceDescriptor;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The scenarios of one run against a stack that is up, in the order that keeps each one's conditions fair. */
final class Benchmark {

    static final String DASHBOARD = "dashboard-service";
    static final String PRODUCT = "product-service";
    private static final double CREATE_RATE = 200;
    // At most this many requests of an open loop outstanding (for REST, as many connections).
    private static final int IN_FLIGHT = 512;
    // The closed loop of likes whose throughput is the capacity the overload is offered twice of.
    private static final int CAPACITY = 64;
    private static final int COLD_CONCURRENCY = 16;
    private static final int COLD_FIRST_SECONDS = 15;
    private static final int PROBE_EVERY = 20;

    private final Mode mode;
    private final LocalStack stack;
    private final Path out;
    private final PrintStream progress;
    private final LoadGenerator generator;
    private final Http dashboardHttp;
    private final Http productHttp;
    private final ManagedChannel channel;
    private final Channel dashboardGrpc;
    private final AtomicLong pairs = new AtomicLong();
    private final List<Measured> loads = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> ready = new LinkedHashMap<>();
    private final List<Results.ToolCheck> tools = new ArrayList<>();
    private TestData data;
    private Results.Replication replication;
    private Results.Cold cold;
    private Results.Overload overload;

    Benchmark(Mode mode, LocalStack stack, Path out, PrintStream progress) {
        this.mode = mode;
        this.stack = stack;
        this.out = out;
        this.progress = progress;
        this.generator = new LoadGenerator(progress, Settle.DEFAULT);
        this.dashboardHttp = new Http(stack.service(DASHBOARD).httpPort());
        this.productHttp = new Http(stack.service(PRODUCT).httpPort());
        this.channel = GrpcCalls.channel(stack.service(DASHBOARD).grpcPort());
        this.dashboardGrpc =
                GrpcCalls.withKey(channel, stack.settings().grpcKeys().of(PRODUCT, DASHBOARD));
    }

    Results run(List<String> scenarios) throws Exception {
        stack.services().forEach(service -> ready.put(service.name(), seconds(service.startupTime())));
        Map<String, LongSupplier> pids = new LinkedHashMap<>();
        stack.services().forEach(service -> pids.put(service.name(), service::pid));
        try (Rss rss = new Rss(pids)) {
            Map<String, Long> idle = rss.now();
            step("test data: " + mode.users() + " users, " + mode.products() + " products");
            data = TestData.create(dashboardHttp, productHttp, stack.tokens(), mode.users(), mode.products());
            for (String scenario : Mode.ALL) {
                if (scenarios.contains(scenario)) {
                    run(scenario);
                }
            }
            return new Results(
                    mode.name(),
                    ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                    Runtime.getRuntime().availableProcessors(),
                    Settle.DEFAULT.toString(),
                    List.copyOf(loads),
                    ready,
                    idle,
                    rss.most(),
                    replication,
                    cold,
                    overload,
                    tools,
                    notes);
        } finally {
            GrpcCalls.shutdown(channel);
            dashboardHttp.close();
            productHttp.close();
        }
    }

    private void run(String scenario) throws Exception {
        switch (scenario) {
            case "grpc-rest" -> grpcAgainstRest();
            case "bare" -> bareServer();
            case "likes" -> likes();
            case "replication" -> replication();
            case "overload" -> overload();
            case "read-flood" -> readFlood();
            case "cold" -> coldStart();
            case "tools" -> tools();
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    /** GetUser by id on the dashboard, the same users: gRPC and {@code GET /api/users/{id}}, one after the other. */
    private void grpcAgainstRest() {
        step("gRPC against REST: GetUser and GET /api/users/{id} on the dashboard");
        Target grpc = GrpcCalls.getUser(dashboardGrpc, data.users());
        Target rest = RestCalls.getUser(dashboardHttp, data.editorToken(), data.users());
        // Each path warms much of the other (the service method, the database): both warm before either is measured.
        generator.closed("GetUser gRPC (warm-up)", grpc, 64, mode.maxWarmUp(), Duration.ofSeconds(1));
        generator.closed("GetUser REST (warm-up)", rest, 64, mode.maxWarmUp(), Duration.ofSeconds(1));
        for (int concurrency : mode.getUserConcurrencies()) {
            closed("GetUser gRPC", grpc, concurrency);
            closed("GetUser REST", rest, concurrency);
        }
    }

    /** The same GetUser on a bare grpc-java server over the dashboard's table, beside ours. */
    private void bareServer() {
        step("our gRPC server against a bare grpc-java server");
        ServiceDescriptor dashboard = stack.settings().service(DASHBOARD);
        Map<String, String> environment = stack.service(DASHBOARD).environment();
        int port = StackSettings.freePort();
        try (BareServerProcess bare = BareServerProcess.start(
                port,
                environment.get(dashboard.variable("DB_URL")),
                environment.get(dashboard.variable("DB_USER")),
                environment.get(dashboard.variable("DB_PASSWORD")),
                out.resolve("stack/logs/bare-server.log"))) {
            ManagedChannel bareChannel = GrpcCalls.channel(port);
            try {
                for (int concurrency : mode.getUserConcurrencies()) {
                    if (find("GetUser gRPC c=" + concurrency).isEmpty()) {
                        closed("GetUser gRPC", GrpcCalls.getUser(dashboardGrpc, data.users()), concurrency);
                    }
                    closed("GetUser bare grpc-java", GrpcCalls.getUser(bareChannel, data.users()), concurrency);
                }
            } finally {
                GrpcCalls.shutdown(bareChannel);
            }
        }
    }

    /** Likes through product-service (REST, then LikeProduct on the dashboard), each a new (product, user) pair. */
    private void likes() {
        step("likes end to end: POST /api/products/{id}/like on product-service");
        closed("likes", like(), 16);
        closed("likes", like(), CAPACITY);
    }

    /** Creates on the dashboard at 200/s; every 20th probed on product-service until it is there. */
    private void replication() throws InterruptedException {
        step("replication: creates on the dashboard at 200/s, until each is visible on product-service");
        try (ReplicationProbes none = new ReplicationProbes(productHttp, Integer.MAX_VALUE);
                ReplicationProbes probes = new ReplicationProbes(productHttp, PROBE_EVERY)) {
            Target warmUp = RestCalls.createProduct(dashboardHttp, data.editorToken(), none);
            generator.closed("creates (warm-up)", warmUp, 4, mode.maxWarmUp(), Duration.ofSeconds(1));
            Target create = RestCalls.createProduct(dashboardHttp, data.editorToken(), probes);
            Measured creates = generator
                    .open("creates open 200/s", create, CREATE_RATE, mode.lag(), IN_FLIGHT)
                    .finish();
            loads.add(creates);
            replication = new Results.Replication(CREATE_RATE, creates, probes.awaitAll(Duration.ofSeconds(40)));
        }
    }

    /**
     * Likes offered at 60 % of capacity, then at twice capacity (open loops), then a closed loop of 64 from the
     * moment the overload stops sending, to see how soon the full throughput is back.
     */
    private void overload() {
        step("overload: likes at 60 % of capacity, then at twice capacity, then a closed loop of 64");
        double capacity = warm("likes c=" + CAPACITY, CAPACITY).throughput();
        Measured base = generator
                .open("likes open 60 %", like(), 0.6 * capacity, mode.overload(), IN_FLIGHT)
                .finish();
        LoadGenerator.OpenLoop twice =
                generator.open("likes open 2x", like(), 2 * capacity, mode.overload(), IN_FLIGHT);
        twice.awaitPaced();
        Measured after =
                generator.closed("likes after the overload", like(), CAPACITY, Duration.ZERO, Duration.ofSeconds(10));
        Measured overloaded = twice.finish();
        loads.addAll(List.of(base, overloaded, after));
        overload = new Results.Overload(capacity, base, overloaded, after, after.secondsUntil(0.9 * capacity));
    }

    /**
     * Likes at 40 % of capacity and creates at 10 % (every 20th probed on product-service; a create costs about two
     * likes, so together about 60 % of capacity) beside a read flood: first alone, then beside
     * {@code GET /api/products?size=100} on product-service from one connection, then from 50, each
     * sending as fast as it is answered. Every request comes from this one address with the REST limits per client
     * raised, so that only admission control and the cap on reads stand between the flood and the likes.
     */
    private void readFlood() throws InterruptedException {
        step("read flood: likes at 40 % and creates at 10 % of capacity, alone and beside 1 and 50 readers");
        double capacity = warm("likes c=" + CAPACITY, CAPACITY).throughput();
        Target list = sequence -> RestCalls.listProducts(productHttp);
        for (int flooders : List.of(0, 1, 50)) {
            String beside = flooders == 0 ? "alone" : "beside a read flood c=" + flooders;
            CompletableFuture<Measured> flood = flooders == 0
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> generator.closed(
                            "reads flood c=" + flooders,
                            list,
                            flooders,
                            Duration.ZERO,
                            mode.overload().plusSeconds(4)));
            try (ReplicationProbes probes = new ReplicationProbes(productHttp, PROBE_EVERY)) {
                LoadGenerator.OpenLoop likes =
                        generator.open("likes open 40 % " + beside, like(), 0.4 * capacity, mode.overload(), IN_FLIGHT);
                Measured creates = generator
                        .open(
                                "creates open 10 % " + beside,
                                RestCalls.createProduct(dashboardHttp, data.editorToken(), probes),
                                0.1 * capacity,
                                mode.overload(),
                                IN_FLIGHT)
                        .finish();
                Measured liked = likes.finish();
                ReplicationProbes.Lag lag = probes.awaitAll(Duration.ofSeconds(40));
                Measured reads = flood.join();
                loads.addAll(reads == null ? List.of(liked, creates) : List.of(liked, creates, reads));
                String flooded = reads == null
                        ? ""
                        : "; reads %,.0f/s answered, %.0f %% refused"
                                .formatted(reads.throughput(), reads.shareRefused() * 100);
                notes.add("read flood, %s: likes %s, creates %s, replication lag %s%s"
                        .formatted(beside, brief(liked), brief(creates), lag, flooded));
            }
        }
    }

    /** Both services stopped, started at once, and likes from the moment both report ready. Last: it ends warmth. */
    private void coldStart() {
        step("cold start: both services started at once, likes from the moment both are ready");
        double warm = warm("likes c=" + COLD_CONCURRENCY, COLD_CONCURRENCY).throughput();
        List<ServiceProcess> services = stack.services();
        services.reversed().forEach(service -> service.stop(Duration.ofSeconds(30)));
        services.forEach(ServiceProcess::start);
        CompletableFuture.allOf(services.stream()
                        .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(LocalStack.READY_TIMEOUT)))
                        .toArray(CompletableFuture[]::new))
                .join();
        services.forEach(service -> ready.put(service.name(), seconds(service.startupTime())));
        Measured likes = generator.closed(
                "likes from a cold start c=" + COLD_CONCURRENCY, like(), COLD_CONCURRENCY, Duration.ZERO, mode.cold());
        loads.add(likes);
        cold = new Results.Cold(COLD_FIRST_SECONDS, likes, warm);
    }

    /** h2load and wrk on the GetUser of one user, at 64 concurrent, against the generator's own. */
    private void tools() throws Exception {
        step("cross-check: h2load (gRPC) and wrk (REST) on GetUser at 64 concurrent");
        String user = data.users().getFirst();
        for (String tool : List.of("h2load", "wrk")) {
            if (!ExternalTools.installed(tool)) {
                notes.add(tool + " is not installed (apt-get install nghttp2-client wrk): its check was skipped.");
                continue;
            }
            boolean grpc = tool.equals("h2load");
            Measured ours = closed(
                    grpc ? "GetUser gRPC, one user" : "GetUser REST, one user",
                    grpc
                            ? GrpcCalls.getUser(dashboardGrpc, List.of(user))
                            : RestCalls.getUser(dashboardHttp, data.editorToken(), List.of(user)),
                    64);
            double theirs = grpc
                    ? ExternalTools.h2load(
                            stack.service(DASHBOARD).grpcPort(),
                            stack.settings().grpcKeys().of(PRODUCT, DASHBOARD),
                            user,
                            64,
                            mode.measured())
                    : ExternalTools.wrk(
                            stack.service(DASHBOARD).httpPort(),
                            "/api/users/" + user,
                            data.editorToken(),
                            64,
                            mode.measured());
            tools.add(new Results.ToolCheck(tool, ours.name(), theirs, ours.throughput()));
        }
    }

    private static String brief(Measured load) {
        return "p99 %.1f ms (%d refused, %d errors)".formatted(load.p99Ms(), load.refused(), load.errors());
    }

    private Target like() {
        return RestCalls.like(productHttp, data, pairs);
    }

    private Measured closed(String name, Target target, int concurrency) {
        Measured measured =
                generator.closed(name + " c=" + concurrency, target, concurrency, mode.maxWarmUp(), mode.measured());
        loads.add(measured);
        return measured;
    }

    /** The load called {@code name} if this run measured it, else a closed loop of likes measured now. */
    private Measured warm(String name, int concurrency) {
        return find(name).orElseGet(() -> closed("likes", like(), concurrency));
    }

    private Optional<Measured> find(String name) {
        return loads.stream().filter(load -> load.name().equals(name)).findFirst();
    }

    private void step(String what) {
        progress.println("== " + what);
    }

    private static Double seconds(Duration duration) {
        return duration == null ? null : duration.toMillis() / 1000.0;
    }
}
