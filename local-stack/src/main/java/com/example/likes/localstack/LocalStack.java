package com.example.likes.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole system on one machine without Docker: PostgreSQL (embedded, or an external server) with one database
 * and one role per service, and dashboard-service and product-service as separate processes.
 * {@code ./run-local.sh} runs it through {@link LocalStackMain}; the end-to-end tests start it from code.
 */
public final class LocalStack implements AutoCloseable {

    // Generous: on two cores that other builds keep busy (a load average of 15 to 20), a start can take over a minute.
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** The profile of development mode (service-platform's DevelopmentMode). */
    static final String DEV_PROFILE = "dev";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The JVM options of every service process, as the images (Dockerfile) and the manifests have them: a small
     * heap with the serial collector (no G1 structures; on two cores it also spends the least CPU), half-size thread
     * stacks, and freed native memory (the JIT's arenas) handed back to the system every 10 s. See
     * docs/performance.md, "Memory".
     */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xmx192m",
            "-Xss512k",
            "-XX:TrimNativeHeapInterval=10000",
            "-XX:+ExitOnOutOfMemoryError");
    /** Who gets a development certificate: both services, and a developer's client (grpcurl, buf curl, tests). */
    public static final List<String> CERTIFICATE_NAMES = List.of("dashboard-service", "product-service", "developer");

    private final StackSettings settings;
    private final LocalPostgres embedded;
    private final ServiceProcess dashboard;
    private final ServiceProcess product;
    private final Map<String, String> productEnvironment;
    private final DatabaseProvisioner database;
    // Instances started by anotherProductService: stopped with the stack, so that a failed test leaks none.
    private final List<ServiceProcess> extraServices = new CopyOnWriteArrayList<>();

    private LocalStack(
            StackSettings settings,
            LocalPostgres embedded,
            ServiceProcess dashboard,
            ServiceProcess product,
            Map<String, String> productEnvironment,
            DatabaseProvisioner database) {
        this.settings = settings;
        this.database = database;
        this.embedded = embedded;
        this.dashboard = dashboard;
        this.product = product;
        this.productEnvironment = Map.copyOf(productEnvironment);
    }

    /** Starts PostgreSQL and both services and returns once both report ready. */
    public static LocalStack start(StackSettings settings) {
        LocalPostgres embedded = null;
        try {
            Files.createDirectories(settings.workDirectory());
            if (settings.grpcTls()) {
                settings.certificates().ensure(CERTIFICATE_NAMES);
            }
            DatabaseProvisioner server;
            if (settings.embeddedPostgres()) {
                Path data = settings.keepData() ? settings.workDirectory().resolve("postgres") : null;
                embedded = LocalPostgres.start(settings.postgresPort(), data);
                server = embedded.provisioner();
            } else {
                server = new DatabaseProvisioner(
                        settings.postgresAdminUrl(), settings.postgresAdminUser(), settings.postgresAdminPassword());
            }
            Map<String, String> productEnvironment = productEnvironment(settings, server);
            LocalStack stack = new LocalStack(
                    settings,
                    embedded,
                    dashboardProcess(settings, server),
                    service(
                            settings,
                            "product-service",
                            productEnvironment,
                            settings.productHttpPort(),
                            settings.productGrpcPort(),
                            settings.productManagementPort()),
                    productEnvironment,
                    server);
            stack.startServices();
            return stack;
        } catch (IOException e) {
            closeQuietly(embedded);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw e;
        }
    }

    public ServiceProcess dashboard() {
        return dashboard;
    }

    public ServiceProcess product() {
        return product;
    }

    public StackSettings settings() {
        return settings;
    }

    /** The PostgreSQL server's administrator access, for tests that act on the database under the services. */
    public DatabaseProvisioner database() {
        return database;
    }

    /**
     * One more product-service process on free ports, sharing the first one's database, not started yet: two
     * instances of one service, for tests of what they do at once. The caller starts and stops it.
     *
     * @param name the process's name, also the name of its log file
     */
    public ServiceProcess anotherProductService(String name) {
        return anotherProductService(name, Map.of());
    }

    /**
     * {@link #anotherProductService(String)}, with {@code overrides} over its environment (a setting under test).
     */
    public ServiceProcess anotherProductService(String name, Map<String, String> overrides) {
        int httpPort = StackSettings.freePort();
        int grpcPort = StackSettings.freePort();
        int managementPort = StackSettings.freePort();
        Map<String, String> environment = new HashMap<>(productEnvironment);
        environment.put("PRODUCT_HTTP_PORT", Integer.toString(httpPort));
        environment.put("PRODUCT_GRPC_PORT", Integer.toString(grpcPort));
        environment.put("PRODUCT_MANAGEMENT_PORT", Integer.toString(managementPort));
        ServiceProcess another =
                service(settings, "product-service", name, environment, overrides, httpPort, grpcPort, managementPort);
        extraServices.add(another);
        return another;
    }

    /**
     * One more instance of {@code original}'s service, not started yet: the same jar, database and JVM options, with
     * {@code overrides} over its environment (its own ports among them). Several instances of one service on one
     * database, as a scaled-out deployment runs them. The caller starts it; the stack stops it with itself.
     *
     * @param name the process's name, also the name of its log file
     * @param httpPort the REST port that {@code overrides} give it
     * @param grpcPort the gRPC port that {@code overrides} give it
     * @param managementPort the management port that {@code overrides} give it
     */
    public ServiceProcess anotherInstance(
            ServiceProcess original,
            String name,
            Map<String, String> overrides,
            int httpPort,
            int grpcPort,
            int managementPort) {
        Map<String, String> environment = new HashMap<>(original.environment());
        environment.putAll(overrides);
        ServiceProcess another = new ServiceProcess(
                name,
                original.jar(),
                environment,
                httpPort,
                grpcPort,
                managementPort,
                logFileOf(settings, name),
                SERVICE_JVM_OPTIONS,
                settings.serviceJvmOptions());
        extraServices.add(another);
        return another;
    }

    private void startServices() {
        try {
            // -Dlocalstack.aot-training=start keeps the caches trained on a start alone, to measure what the training
            // on requests buys (the benchmark's --aot-training=start).
            if (AotCache.supported() && !"start".equals(System.getProperty("localstack.aot-training"))) {
                AotTraining.ensure(this);
            }
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(dashboard::prepare),
                            CompletableFuture.runAsync(product::prepare))
                    .join();
            dashboard.start();
            product.start();
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> dashboard.awaitReady(READY_TIMEOUT)),
                            CompletableFuture.runAsync(() -> product.awaitReady(READY_TIMEOUT)))
                    .join();
        } catch (RuntimeException e) {
            stopServices();
            throw e;
        }
    }

    /** Stops both services gracefully, then PostgreSQL. */
    @Override
    public void close() {
        stopServices();
        closeQuietly(embedded);
    }

    private void stopServices() {
        extraServices.forEach(service -> service.stop(STOP_TIMEOUT));
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> product.stop(STOP_TIMEOUT)),
                        CompletableFuture.runAsync(() -> dashboard.stop(STOP_TIMEOUT)))
                .join();
    }

    private static ServiceProcess dashboardProcess(StackSettings settings, DatabaseProvisioner server) {
        String password = env("DASHBOARD_DB_PASSWORD", "dashboard");
        server.ensureDatabase("dashboard", "dashboard", password);
        Map<String, String> environment = new HashMap<>();
        environment.put("DASHBOARD_HTTP_PORT", Integer.toString(settings.dashboardHttpPort()));
        environment.put("DASHBOARD_GRPC_PORT", Integer.toString(settings.dashboardGrpcPort()));
        environment.put("DASHBOARD_MANAGEMENT_PORT", Integer.toString(settings.dashboardManagementPort()));
        environment.put("DASHBOARD_DB_URL", server.jdbcUrlOf("dashboard"));
        environment.put("DASHBOARD_DB_USER", "dashboard");
        environment.put("DASHBOARD_DB_PASSWORD", password);
        environment.put("PRODUCT_GRPC_TARGET", "localhost:" + settings.productGrpcPort());
        if (settings.grpcKeys() != null) {
            environment.put(
                    "DASHBOARD_GRPC_CALLER_KEYS",
                    "product-service:%s,developer:%s"
                            .formatted(
                                    settings.grpcKeys().productService(),
                                    settings.grpcKeys().developer()));
            environment.put("PRODUCT_GRPC_API_KEY", settings.grpcKeys().dashboardService());
            environment.put("DASHBOARD_OPERATOR_KEYS", settings.grpcKeys().operator());
        }
        return service(
                settings,
                "dashboard-service",
                environment,
                settings.dashboardHttpPort(),
                settings.dashboardGrpcPort(),
                settings.dashboardManagementPort());
    }

    private static Map<String, String> productEnvironment(StackSettings settings, DatabaseProvisioner server) {
        String password = env("PRODUCT_DB_PASSWORD", "product");
        server.ensureDatabase("product", "product", password);
        Map<String, String> environment = new HashMap<>();
        environment.put("PRODUCT_HTTP_PORT", Integer.toString(settings.productHttpPort()));
        environment.put("PRODUCT_GRPC_PORT", Integer.toString(settings.productGrpcPort()));
        environment.put("PRODUCT_MANAGEMENT_PORT", Integer.toString(settings.productManagementPort()));
        environment.put("PRODUCT_DB_URL", server.jdbcUrlOf("product"));
        environment.put("PRODUCT_DB_USER", "product");
        environment.put("PRODUCT_DB_PASSWORD", password);
        environment.put("DASHBOARD_GRPC_TARGET", "localhost:" + settings.dashboardGrpcPort());
        if (settings.grpcKeys() != null) {
            environment.put(
                    "PRODUCT_GRPC_CALLER_KEYS",
                    "dashboard-service:" + settings.grpcKeys().dashboardService());
            environment.put("DASHBOARD_GRPC_API_KEY", settings.grpcKeys().productService());
            environment.put("PRODUCT_OPERATOR_KEYS", settings.grpcKeys().operator());
        }
        return environment;
    }

    private static ServiceProcess service(
            StackSettings settings,
            String name,
            Map<String, String> environment,
            int httpPort,
            int grpcPort,
            int managementPort) {
        return service(settings, name, name, environment, Map.of(), httpPort, grpcPort, managementPort);
    }

    private static ServiceProcess service(
            StackSettings settings,
            String module,
            String name,
            Map<String, String> environment,
            Map<String, String> overrides,
            int httpPort,
            int grpcPort,
            int managementPort) {
        Path jar = settings.root().resolve(module).resolve("target").resolve(module + ".jar");
        Path log = logFileOf(settings, name);
        Map<String, String> fullEnvironment = new HashMap<>(environment);
        // The local stack is development: its services accept the development secrets of .env.example.
        fullEnvironment.put("SPRING_PROFILES_ACTIVE", DEV_PROFILE);
        fullEnvironment.putAll(tlsEnvironment(settings, module));
        fullEnvironment.putAll(settings.serviceEnvironment());
        fullEnvironment.putAll(overrides);
        return new ServiceProcess(
                name,
                jar,
                fullEnvironment,
                httpPort,
                grpcPort,
                managementPort,
                log,
                SERVICE_JVM_OPTIONS,
                settings.serviceJvmOptions());
    }

    // A fresh log file for a process of this name.
    private static Path logFileOf(StackSettings settings, String name) {
        Path log = settings.workDirectory().resolve("logs").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }

    // The service's own certificate and key, and the development CA, as service-platform reads them.
    private static Map<String, String> tlsEnvironment(StackSettings settings, String module) {
        if (!settings.grpcTls()) {
            return Map.of("PLATFORM_GRPC_TLS_ENABLED", "false");
        }
        DevCertificates certificates = settings.certificates();
        return Map.of(
                "PLATFORM_GRPC_TLS_ENABLED", "true",
                "PLATFORM_GRPC_TLS_CERTIFICATE",
                        certificates.certificate(module).toString(),
                "PLATFORM_GRPC_TLS_PRIVATE_KEY", certificates.privateKey(module).toString(),
                "PLATFORM_GRPC_TLS_TRUST", certificates.caCertificate().toString());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void closeQuietly(LocalPostgres postgres) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }
}
