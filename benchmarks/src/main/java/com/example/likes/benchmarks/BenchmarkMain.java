package com.example.likes.benchmarks;

import com.example.likes.benchmarks.report.ColdChart;
import com.example.likes.benchmarks.report.CsvReport;
import com.example.likes.benchmarks.report.MarkdownReport;
import com.example.likes.benchmarks.report.Results;
import com.example.likes.benchmarks.report.SvgChart;
import com.example.likes.benchmarks.report.Targets;
import com.example.likes.benchmarks.system.CpuReference;
import com.example.likes.benchmarks.system.Machine;
import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./benchmarks/run.sh [--quick|--full] [--jfr] [--jvm-option=...] [--service-env=NAME=value] [--scenarios=a,b,c,d,x,e]}: starts PostgreSQL and both services
 * as processes on free ports with generated keys (as the end-to-end tests do), runs the scenarios, writes
 * {@code results.csv}, {@code results.md} and {@code chart.svg} to {@code benchmarks/results/<time>/}, prints the
 * tables, and stops everything. Progress goes to standard error, the tables to standard output.
 */
public final class BenchmarkMain {

    private static final Set<String> ALL = Set.of("a", "b", "c", "d", "x", "e");

    /** What the benchmarks start and drive: the other services of services/ stay down. */
    private static final List<String> MEASURED_SERVICES = List.of("dashboard-service", "product-service");

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.QUICK;
        Duration warmUp = null;
        boolean jfr = false;
        List<String> jvmOptions = new java.util.ArrayList<>();
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        // The benchmark calls the dashboard with product-service's key, whose limit (5000/s per method) a 64-worker
        // GetUser loop could reach: raised, so that what is measured is the server, not the limiter's refusals. The
        // limiter still runs on every call.
        environment.put("DASHBOARD_GRPC_RATE_LIMIT_PRODUCT_SERVICE", "1000000");
        // Likewise the REST limit per client address (100 writes/s): every request of the benchmark comes from here.
        environment.put("PLATFORM_WEB_RATE_LIMIT_REQUESTS", "1000000");
        Set<String> scenarios = new LinkedHashSet<>(List.of("a", "b", "c", "d", "x", "e"));
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> mode = Mode.QUICK;
                case "--full" -> mode = Mode.FULL;
                case "--jfr" -> jfr = true;
                default -> {
                    if (arg.startsWith("--service-env=") && arg.indexOf('=', 14) > 14) {
                        int equals = arg.indexOf('=', 14);
                        environment.put(arg.substring(14, equals), arg.substring(equals + 1));
                    } else if (arg.startsWith("--warm-up=")) {
                        warmUp = Duration.ofSeconds(Long.parseLong(arg.substring("--warm-up=".length())));
                    } else if (arg.equals("--aot-training=start")) {
                        // The local stack then makes each cache from a start alone, not from the services' requests.
                        System.setProperty("localstack.aot-training", "start");
                    } else if (arg.startsWith("--jvm-option=")) {
                        jvmOptions.add(arg.substring("--jvm-option=".length()));
                    } else if (arg.startsWith("--scenarios=")) {
                        scenarios = new LinkedHashSet<>(
                                Arrays.asList(arg.substring(12).split(",")));
                        if (!ALL.containsAll(scenarios)) {
                            usage("unknown scenario in " + arg);
                        }
                    } else {
                        usage("unknown option " + arg);
                    }
                }
            }
        }
        if (warmUp != null) {
            mode = mode.withGlobalWarmUp(warmUp);
        }
        if (!mode.external()) {
            scenarios.remove("x");
        }
        Path root = Path.of(System.getProperty("benchmarks.root", "")).toAbsolutePath();
        Path out = root.resolve("benchmarks/results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);

        // The two services measured, whatever else services/ holds.
        StackSettings settings = StackSettings.forTests(root, out.resolve("stack"))
                .withOnly(MEASURED_SERVICES)
                .withServiceEnvironment(environment);
        if (jfr) {
            jvmOptions.add("-XX:StartFlightRecording=filename=" + out.resolve("service-%p.jfr") + ",settings=profile");
        }
        settings = settings.withServiceJvmOptions(jvmOptions);

        Results results = new Results(mode.name(), Machine.current());
        results.cpuReferenceBefore = CpuReference.measure();
        long started = System.nanoTime();
        System.err.println("== starting PostgreSQL, " + String.join(" and ", MEASURED_SERVICES) + " (logs in "
                + out.resolve("stack/logs") + ")");
        LocalStack stack = LocalStack.start(settings);
        Thread stopOnInterrupt = new Thread(stack::close, "benchmark-stop");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            new Benchmark(mode, out, stack, results, System.err, started).run(scenarios);
        } finally {
            System.err.printf(
                    "== stopping the stack (at %d s)%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // interrupted (Ctrl-C): the hook is running already, and the stack is stopped
            }
        }
        results.total = Duration.ofNanos(System.nanoTime() - started);
        results.cpuReferenceAfter = CpuReference.measure();
        if (environment.size() > 1 || !jvmOptions.isEmpty()) {
            results.notes.add("Services started with " + environment + " and JVM options " + jvmOptions + ".");
        }
        results.notes.add("The generator, both services and PostgreSQL share the machine's " + results.machine.cores()
                + " cores: every figure is what the whole system does on them, the generator's own CPU included"
                + " (its column).");

        List<Targets.Check> checks = Targets.check(results);
        String body = MarkdownReport.of(results, checks);
        Files.writeString(out.resolve("results.md"), MarkdownReport.header(results) + "![chart](chart.svg)\n\n" + body);
        Files.writeString(out.resolve("results.csv"), CsvReport.of(results));
        Files.writeString(out.resolve("chart.svg"), SvgChart.of(results));
        if (results.cold != null) {
            Files.writeString(out.resolve("cold-start.svg"), ColdChart.of(results.cold));
        }
        System.out.println();
        System.out.print(MarkdownReport.header(results));
        System.out.print(body);
        System.out.println();
        System.out.println("Written to " + out + " (results.md, results.csv, chart.svg; service logs in stack/logs).");
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: ./benchmarks/run.sh [--quick|--full] [--jfr] [--jvm-option=...] [--service-env=NAME=value] [--scenarios=a,b,c,d,x,e]");
        System.exit(2);
    }
}
