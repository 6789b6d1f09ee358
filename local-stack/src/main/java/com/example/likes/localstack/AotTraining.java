package com.example.likes.localstack;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes both services' AOT caches from a training run on their own requests, so that a start maps not only the
 * classes a start loads but also those of the request paths, with their method profiles (JEP 515): the JIT then
 * compiles the hot paths from the first requests on instead of after a minute of load.
 *
 * <p>Both services start from their extracted jars with {@code -XX:AOTCacheOutput}, on free ports, against
 * throw-away databases on the stack's PostgreSQL (dropped afterwards), with the stack's own settings otherwise (TLS,
 * keys). A short workload sends what users send: users and products created on the dashboard and replicated, likes
 * naming their user and likes of a random user (both gRPC calls and both services' SQL), reads and lists on both
 * services, an edit, a delete, and the refusals (409, 404, 400). Then both stop gracefully and each writes its cache
 * as it exits. It runs when either cache is missing or was not trained on requests: once per build of the jars.
 * Hand-written, as the JDK offers the training but no driver for it (decision 11).
 */
final class AotTraining {

    private static final int USERS = 60;
    private static final int PRODUCTS = 60;
    private static final int CONCURRENCY = 8;
    private static final Duration LIKES_FOR = Duration.ofSeconds(30);
    private static final Duration REPLICATED_WITHIN = Duration.ofSeconds(60);
    // Started without any cache, both at once: slower than a start from the cache, the more so on a busy machine.
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    // The cache is written as the process exits: the JVM assembles it then, which takes a while on two busy cores.
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private AotTraining() {}

    /** Trains both caches on requests unless both are current and trained so already. */
    static void ensure(LocalStack stack) {
        ServiceProcess dashboard = stack.dashboard();
        ServiceProcess product = stack.product();
        try (Closeable dashboardLock = dashboard.aotCache().lock();
                Closeable productLock = product.aotCache().lock()) {
            if (dashboard.aotCache().trainedOnRequests() && product.aotCache().trainedOnRequests()) {
                return;
            }
            new AotTraining().train(stack, dashboard, product);
        } catch (IOException | RuntimeException e) {
            // Not fatal: each service then makes its cache from a start alone, as a single service prepared alone does.
            System.err.println("AOT training on requests failed, the caches are trained on a start instead: " + e);
        }
    }

    private void train(LocalStack stack, ServiceProcess dashboard, ServiceProcess product) throws IOException {
        DatabaseProvisioner database = stack.database();
        String dashboardDb = "dashboard_aot_training";
        String productDb = "product_aot_training";
        database.dropDatabase(dashboardDb);
        database.dropDatabase(productDb);
        database.ensureDatabase(
                dashboardDb,
                dashboard.environment().get("DASHBOARD_DB_USER"),
                dashboard.environment().get("DASHBOARD_DB_PASSWORD"));
        database.ensureDatabase(
                productDb,
                product.environment().get("PRODUCT_DB_USER"),
                product.environment().get("PRODUCT_DB_PASSWORD"));
        int[] dashboardPorts = {StackSettings.freePort(), StackSettings.freePort(), StackSettings.freePort()};
        int[] productPorts = {StackSettings.freePort(), StackSettings.freePort(), StackSettings.freePort()};
        ServiceProcess trainedDashboard = stack.anotherInstance(
                dashboard,
                dashboard.name() + "-aot-training",
                Map.of(
                        "DASHBOARD_HTTP_PORT", Integer.toString(dashboardPorts[0]),
                        "DASHBOARD_GRPC_PORT", Integer.toString(dashboardPorts[1]),
                        "DASHBOARD_MANAGEMENT_PORT", Integer.toString(dashboardPorts[2]),
                        "DASHBOARD_DB_URL", database.jdbcUrlOf(dashboardDb),
                        "DASHBOARD_TO_PRODUCT_TARGET", "localhost:" + productPorts[1],
                        // The workload is one client sending more writes a second than one user may.
                        "PLATFORM_WEB_RATE_LIMIT_REQUESTS", "1000000"),
                dashboardPorts[0],
                dashboardPorts[1],
                dashboardPorts[2]);
        ServiceProcess trainedProduct = stack.anotherInstance(
                product,
                product.name() + "-aot-training",
                Map.of(
                        "PRODUCT_HTTP_PORT", Integer.toString(productPorts[0]),
                        "PRODUCT_GRPC_PORT", Integer.toString(productPorts[1]),
                        "PRODUCT_MANAGEMENT_PORT", Integer.toString(productPorts[2]),
                        "PRODUCT_DB_URL", database.jdbcUrlOf(productDb),
                        "PRODUCT_TO_DASHBOARD_TARGET", "localhost:" + dashboardPorts[1],
                        "PLATFORM_WEB_RATE_LIMIT_REQUESTS", "1000000"),
                productPorts[0],
                productPorts[1],
                productPorts[2]);
        try {
            trainedDashboard.startTraining();
            trainedProduct.startTraining();
            trainedDashboard.awaitReady(READY_TIMEOUT);
            trainedProduct.awaitReady(READY_TIMEOUT);
            workload(trainedDashboard.baseUri(), trainedProduct.baseUri());
        } finally {
            trainedProduct.stop(EXIT_TIMEOUT);
            trainedDashboard.stop(EXIT_TIMEOUT);
            database.dropDatabase(dashboardDb);
            database.dropDatabase(productDb);
        }
        dashboard.aotCache().installTraining();
        product.aotCache().installTraining();
    }

    private void workload(URI dashboard, URI product) {
        List<String> users = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(id(send(dashboard, "POST", "/api/users", "{}")));
        }
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(id(send(
                    dashboard,
                    "POST",
                    "/api/products",
                    "{\"title\": \"Training product %d\", \"image\": \"https://example.com/%d.png\"}"
                            .formatted(i, i))));
        }
        awaitReplicated(product, products.getLast());
        Instant until = Instant.now().plus(LIKES_FOR);
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < CONCURRENCY; client++) {
                clients.execute(() -> {
                    int pair;
                    while (Instant.now().isBefore(until) && (pair = next.getAndIncrement()) < USERS * PRODUCTS) {
                        String productId = products.get(pair % PRODUCTS);
                        String userId = users.get(pair / PRODUCTS);
                        send(
                                product,
                                "POST",
                                "/api/products/" + productId + "/like",
                                "{\"userId\": \"" + userId + "\"}");
                        switch (pair % 8) {
                            case 0 -> send(dashboard, "GET", "/api/products/" + productId, null);
                            case 1 -> send(product, "GET", "/api/products/" + productId, null);
                            case 2 -> send(dashboard, "GET", "/api/users/" + userId, null);
                            case 3 -> send(product, "GET", "/api/products?page=0&size=20", null);
                            case 4 -> send(dashboard, "GET", "/api/products?page=0&size=20", null);
                            case 5 -> send(product, "POST", "/api/products/" + productId + "/like", null);
                            case 6 ->
                                send(
                                        product,
                                        "POST",
                                        "/api/products/" + productId + "/like",
                                        "{\"userId\": \"" + userId + "\"}");
                            default -> send(dashboard, "GET", "/api/users?page=0&size=20", null);
                        }
                    }
                });
            }
        }
        send(product, "POST", "/api/products/" + java.util.UUID.randomUUID() + "/like", "{}");
        send(product, "POST", "/api/products/" + products.getFirst() + "/like", "{\"userId\": ");
        send(dashboard, "POST", "/api/products", "{\"title\": \"\"}");
        send(dashboard, "PATCH", "/api/products/" + products.getFirst(), "{\"title\": \"Edited\"}");
        send(dashboard, "PUT", "/api/products/" + products.get(1), "{\"title\": \"Replaced\", \"image\": \"\"}");
        send(dashboard, "DELETE", "/api/products/" + products.getLast(), null);
        System.err.printf("AOT training: %d requests, %d answered 5xx or not at all%n", requests.get(), failures.get());
    }

    private void awaitReplicated(URI product, String id) {
        Instant deadline = Instant.now().plus(REPLICATED_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (status(send(product, "GET", "/api/products/" + id, null)) == 200) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // A failed request does not fail the training: the cache is still made from whatever ran.
    private HttpResponse<String> send(URI base, String method, String path, String json) {
        requests.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                failures.incrementAndGet();
            }
            return response;
        } catch (IOException e) {
            failures.incrementAndGet();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.incrementAndGet();
            return null;
        }
    }

    private static int status(HttpResponse<String> response) {
        return response == null ? -1 : response.statusCode();
    }

    private static String id(HttpResponse<String> response) {
        Matcher id = ID.matcher(response == null ? "" : response.body());
        if (status(response) != 201 || !id.find()) {
            throw new IllegalStateException("the AOT training could not create its test data: "
                    + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
        }
        return id.group(1);
    }
}
