package com.example.likes.benchmarks;

import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./benchmarks/run.sh [--full] [--scenarios=likes,overload,...] [--jvm-option=...] [--service-env=N=v]}:
 * starts PostgreSQL and both services as processes on free ports (the local stack's way, with generated keys), runs
 * the scenarios, prints a summary and writes {@code summary.txt} and {@code summary.json} to
 * {@code benchmarks/results/<time>/}. Progress goes to standard error.
 */
public final class BenchmarkMain {

    private static final String USAGE = "usage: ./benchmarks/run.sh [--full] [--scenarios=" + String.join(",", Mode.ALL)
            + "] [--jvm-option=...] [--service-env=NAME=value]";

    // One service's training after another's, on two busy cores.
    private static final Duration AOT_TRAINING_TIMEOUT = Duration.ofMinutes(15);

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.QUICK;
        List<String> scenarios = null;
        List<String> jvmOptions = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        // Every request comes from this one address and, over gRPC, with product-service's key: the rate limits
        // still run on every call but never refuse one, so what is measured is the service.
        environment.put("DASHBOARD_GRPC_RATE_LIMIT_PRODUCT_SERVICE", "1000000");
        environment.put("PLATFORM_WEB_RATE_LIMIT_REQUESTS", "1000000");
        environment.put("PLATFORM_WEB_RATE_LIMIT_READ_REQUESTS", "1000000");
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.equals("--full")) {
                mode = Mode.FULL;
            } else if (arg.startsWith("--scenarios=") && Mode.ALL.containsAll(Arrays.asList(value.split(",")))) {
                scenarios = Arrays.asList(value.split(","));
            } else if (arg.startsWith("--jvm-option=")) {
                jvmOptions.add(value);
            } else if (arg.startsWith("--service-env=") && value.contains("=")) {
                environment.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
            } else {
                System.err.println("unknown option " + arg + "\n" + USAGE);
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("benchmarks.root", "")).toAbsolutePath();
        Path out = root.resolve("benchmarks/results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        StackSettings settings = StackSettings.forTests(root, out.resolve("stack"))
                .withOnly(List.of(Benchmark.DASHBOARD, Benchmark.PRODUCT))
                .withServiceEnvironment(environment)
                .withServiceJvmOptions(jvmOptions);

        System.err.println("== starting PostgreSQL and both services (logs in " + out.resolve("stack/logs") + ")");
        LocalStack stack = startedFromAotCaches(settings);
        Thread stopOnInterrupt = new Thread(stack::close);
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        Results results;
        try {
            results = new Benchmark(mode, stack, out, System.err).run(scenarios == null ? mode.scenarios() : scenarios);
        } finally {
            System.err.println("== stopping the stack");
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
        }
        List<Targets.Check> checks = Targets.check(results);
        String text = Report.text(results, checks);
        Files.writeString(out.resolve("summary.txt"), text);
        JsonMapper json =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(
                out.resolve("summary.json"), json.writeValueAsString(Map.of("results", results, "checks", checks)));
        System.out.println();
        System.out.print(text);
        System.out.println("\nWritten to " + out + " (summary.txt, summary.json; service logs in stack/logs).");
    }

    // What is measured is a start from the services' AOT caches, as every start but the first after a build runs;
    // and no training runs beside the scenarios.
    private static LocalStack startedFromAotCaches(StackSettings settings) {
        LocalStack stack = LocalStack.start(settings);
        if (!stack.startedFromAotCaches()) {
            System.err.println("== making the services' AOT caches, then starting again from them");
            if (stack.awaitAotCaches(AOT_TRAINING_TIMEOUT)) {
                stack.close();
                stack = LocalStack.start(settings);
            }
        }
        return stack;
    }
}
