package com.example.likes.localstack;

import com.example.likes.localstack.StackSettings.GrpcKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole system on one machine without Docker: PostgreSQL (embedded, or an external server) with one database
 * and one role per service, and every service of {@code services/} ({@link ServiceDescriptor}) as a separate
 * process. {@code ./run-local.sh} runs it through {@link LocalStackMain}; the end-to-end tests start it from code.
 * Nothing here names a service: what a service needs (ports, database, keys, the servers it calls) follows from its
 * descriptor. Every part listens on {@link StackSettings#bindAddress()}, the loopback unless told otherwise.
 *
 * <p>On JDK 25 and later a service starts from its {@link AotCache} when it has a current one; once every service is
 * ready, the stack trains the missing caches in the background, for the next start. A start never waits for a
 * training.
 */
public final class LocalStack implements AutoCloseable {

    // Generous: every service starts at once, the first start after a build from its jar (twice as slow as from its
    // AOT cache), and on a small machine beside other builds a start takes many times longer than alone.
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /** The profile of development mode (service-platform's DevelopmentMode). */
    static final String DEV_PROFILE = "dev";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The JVM options of every service process, as the images (Dockerfile) and the manifests have them: a small
     * heap with the serial collector (no G1 structures; on two cores it also spends the least CPU), half-size thread
     * stacks, and freed native memory (the JIT's arenas) handed back to the system every 10 s (docs/performance.md).
     */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xmx192m",
            "-Xss512k",
            "-XX:TrimNativeHeapInterval=10000",
            "-XX:+ExitOnOutOfMemoryError");

    private final StackSettings settings;
    private final LocalPostgres embedded;
    // The first instance of each service, in the order of the settings' services.
    private final Map<String, ServiceProcess> services;
    private final DatabaseProvisioner database;
    // The development issuer the services accept tokens of, or null when the repository describes none.
    private final ServiceProcess issuer;
    // One cache of tokens for every caller of tokens().
    private final DevTokens tokens;
    // Instances started by anotherInstance: stopped with the stack, so that a failed test leaks none.
    private final List<ServiceProcess> extraServices = new CopyOnWriteArrayList<>();
    // Trains the AOT caches after the start, one service at a time: a training keeps two cores busy for a while.
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-stack-aot-training");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<Void> aotCaches = CompletableFuture.completedFuture(null);

    private LocalStack(
            StackSettings settings,
            LocalPostgres embedded,
            Map<String, ServiceProcess> services,
            DatabaseProvisioner database,
            ServiceProcess issuer) {
        this.settings = settings;
        this.issuer = issuer;
        this.tokens = issuer == null ? null : new DevTokens(settings.issuerUri());
        this.database = database;
        this.embedded = embedded;
        this.services = services;
    }

    /** Starts PostgreSQL and every service of the settings and returns once all of them report ready. */
    public static LocalStack start(StackSettings settings) {
        LocalPostgres embedded = null;
        try {
            Files.createDirectories(settings.workDirectory());
            if (settings.grpcTls()) {
                settings.certificates()
                        .ensure(
                                settings.services().stream()
                                        .map(ServiceDescriptor::name)
                                        .toList(),
                                List.of(GrpcKeys.DEVELOPER));
            }
            DatabaseProvisioner server;
            if (settings.embeddedPostgres()) {
                Path data = settings.keepData() ? settings.workDirectory().resolve("postgres") : null;
                embedded = LocalPostgres.start(settings.postgresPort(), settings.bindAddress(), data);
                server = embedded.provisioner(settings.connectHost());
            } else {
                server = new DatabaseProvisioner(
                        settings.postgresAdminUrl(), settings.postgresAdminUser(), settings.postgresAdminPassword());
            }
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            for (ServiceDescriptor service : settings.services()) {
                ServicePorts ports = settings.portsOf(service.name());
                services.put(
                        service.name(),
                        process(
                                settings,
                                service.name(),
                                service.name(),
                                environment(settings, service, server),
                                Map.of(),
                                ports));
            }
            LocalStack stack = new LocalStack(
                    settings, embedded, Collections.unmodifiableMap(services), server, issuerProcess(settings));
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

    /** The first instance of every service, in the order of {@link StackSettings#services()}. */
    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** The (first) instance of the service called {@code name}. */
    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException(
                    "no service %s in this stack (it has %s)".formatted(name, services.keySet()));
        }
        return service;
    }

    public StackSettings settings() {
        return settings;
    }

    /** The development issuer's process ({@code services/issuer/}). */
    public ServiceProcess issuer() {
        if (issuer == null) {
            throw new IllegalStateException("this stack runs no issuer: " + IssuerDescriptor.FOLDER + " is empty");
        }
        return issuer;
    }

    /** Tokens of the development issuer, fetched from its token endpoint as a person fetches them. */
    public DevTokens tokens() {
        issuer();
        return tokens;
    }

    /** The PostgreSQL server's administrator access, for tests that act on the database under the services. */
    public DatabaseProvisioner database() {
        return database;
    }

    /**
     * One more instance of the service called {@code service} on free ports, not started yet: the same jar, database
     * and JVM options as its first instance, with {@code overrides} over its environment (a setting under test). The
     * caller starts it; the stack stops it with itself.
     *
     * @param name the process's name, also the name of its log file
     */
    public ServiceProcess anotherInstanceOf(String service, String name, Map<String, String> overrides) {
        ServiceDescriptor descriptor = settings.service(service);
        ServicePorts ports = ServicePorts.free();
        Map<String, String> environment = new HashMap<>(service(service).environment());
        environment.putAll(portEnvironment(descriptor, ports));
        ServiceProcess another = process(settings, service, name, environment, overrides, ports);
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
                settings.connectHost(),
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
        List<ServiceProcess> all = new ArrayList<>(services.values());
        if (issuer != null) {
            all.add(issuer);
        }
        try {
            all.forEach(ServiceProcess::start);
            CompletableFuture.allOf(all.stream()
                            .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY_TIMEOUT)))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (RuntimeException e) {
            stopServices();
            throw e;
        }
        if (AotCache.supported()) {
            aotCaches = CompletableFuture.runAsync(this::trainAotCaches, trainer);
        }
    }

    // For the next start: the caches of this start's jars that are missing (a first start, or a rebuilt jar).
    private void trainAotCaches() {
        for (ServiceProcess service : services.values()) {
            if (!service.hasAotCache()) {
                try {
                    service.trainAotCache();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException | RuntimeException e) {
                    // Not fatal: the service keeps starting from its jar, and the next stack tries again.
                    System.err.println("could not make the AOT cache of " + service.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Whether every service of this start mapped an AOT cache; otherwise the stack trains the missing ones in the
     * background, and the next start of a service uses its cache (see {@link #awaitAotCaches}).
     */
    public boolean startedFromAotCaches() {
        return services.values().stream().allMatch(ServiceProcess::startedFromAotCache);
    }

    /**
     * Waits until the stack has trained the AOT cache of every service that started without one (at once when all
     * had one), for what measures a start from the cache.
     *
     * @return whether every service has a current cache for its next start by then (never on a JDK without one)
     */
    public boolean awaitAotCaches(Duration timeout) {
        try {
            aotCaches.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return services.values().stream().allMatch(ServiceProcess::hasAotCache);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the AOT training failed", e.getCause());
        }
    }

    /** Stops every service gracefully, then PostgreSQL. */
    @Override
    public void close() {
        stopTraining();
        stopServices();
        closeQuietly(embedded);
    }

    // A training in progress ends with its process; the cache it would have made is made by a later stack.
    private void stopTraining() {
        trainer.shutdownNow();
        try {
            if (!trainer.awaitTermination(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("the AOT training did not stop within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopServices() {
        extraServices.forEach(service -> service.stop(STOP_TIMEOUT));
        CompletableFuture.allOf(services.values().stream()
                        .map(service -> CompletableFuture.runAsync(() -> service.stop(STOP_TIMEOUT)))
                        .toArray(CompletableFuture[]::new))
                .join();
        if (issuer != null) {
            issuer.stop(STOP_TIMEOUT);
        }
    }

    // The issuer's process: its port, its issuer URL (the address the services and the stack's clients use), dev mode.
    private static ServiceProcess issuerProcess(StackSettings settings) {
        IssuerDescriptor descriptor = settings.issuer();
        if (descriptor == null) {
            return null;
        }
        Map<String, String> environment = new HashMap<>(settings.serviceEnvironment());
        environment.put("SPRING_PROFILES_ACTIVE", DEV_PROFILE);
        environment.put("SERVER_ADDRESS", settings.bindAddress());
        environment.put(descriptor.portVariable(), Integer.toString(settings.issuerPort()));
        environment.put(descriptor.issuerVariable(), settings.issuerUri().toString());
        String module = descriptor.name();
        return new ServiceProcess(
                module,
                settings.connectHost(),
                settings.root().resolve(module).resolve("target").resolve(module + ".jar"),
                environment,
                settings.issuerPort(),
                0,
                settings.issuerPort(),
                "/.well-known/openid-configuration",
                logFileOf(settings, module),
                SERVICE_JVM_OPTIONS,
                settings.serviceJvmOptions());
    }

    /** {@link #environmentOf}, with the service's database created first when it is missing. */
    private static Map<String, String> environment(
            StackSettings settings, ServiceDescriptor service, DatabaseProvisioner server) {
        String password = env(service.variable("DB_PASSWORD"), service.database());
        server.ensureDatabase(service.database(), service.database(), password);
        return environmentOf(settings, service, server.jdbcUrlOf(service.database()), password);
    }

    /**
     * What the stack tells one service: its ports, its database, the gRPC target of each server it calls, and, when
     * the stack chooses the keys, those it accepts (one per caller that calls it, and a developer's where its
     * descriptor allows one), the one it presents to each server it calls, and the operator's.
     */
    static Map<String, String> environmentOf(
            StackSettings settings, ServiceDescriptor service, String jdbcUrl, String password) {
        Map<String, String> environment = new HashMap<>(service.environment());
        environment.putAll(portEnvironment(service, settings.portsOf(service.name())));
        // Spring Boot's and Spring gRPC's own settings: where REST, management and gRPC listen.
        environment.put("SERVER_ADDRESS", settings.bindAddress());
        environment.put("MANAGEMENT_SERVER_ADDRESS", settings.bindAddress());
        environment.put("SPRING_GRPC_SERVER_ADDRESS", settings.bindAddress());
        if (settings.issuer() != null) {
            environment.put(
                    IssuerDescriptor.ISSUER_SETTING, settings.issuerUri().toString());
        }
        environment.put(service.variable("DB_URL"), jdbcUrl);
        environment.put(service.variable("DB_USER"), service.database());
        environment.put(service.variable("DB_PASSWORD"), password);
        List<ServiceDescriptor> callees = settings.services().stream()
                .filter(callee -> service.calls().contains(callee.name()))
                .toList();
        for (ServiceDescriptor callee : callees) {
            environment.put(
                    service.clientVariable(callee, "TARGET"),
                    settings.connectHost() + ":"
                            + settings.portsOf(callee.name()).grpc());
        }
        GrpcKeys keys = settings.grpcKeys();
        if (keys != null) {
            List<String> callerKeys = new ArrayList<>();
            for (ServiceDescriptor caller : settings.services()) {
                if (caller.calls().contains(service.name())) {
                    callerKeys.add(caller.name() + ":" + keys.of(caller.name(), service.name()));
                }
            }
            if (service.developerKey()) {
                callerKeys.add(GrpcKeys.DEVELOPER + ":" + keys.of(GrpcKeys.DEVELOPER, service.name()));
            }
            if (!callerKeys.isEmpty()) {
                environment.put(service.variable("GRPC_CALLER_KEYS"), String.join(",", callerKeys));
            }
            for (ServiceDescriptor callee : callees) {
                environment.put(service.clientVariable(callee, "API_KEY"), keys.of(service.name(), callee.name()));
            }
            environment.put(service.variable("OPERATOR_KEYS"), keys.operator());
        }
        return environment;
    }

    private static Map<String, String> portEnvironment(ServiceDescriptor service, ServicePorts ports) {
        return Map.of(
                service.variable("HTTP_PORT"), Integer.toString(ports.http()),
                service.variable("GRPC_PORT"), Integer.toString(ports.grpc()),
                service.variable("MANAGEMENT_PORT"), Integer.toString(ports.management()));
    }

    private static ServiceProcess process(
            StackSettings settings,
            String module,
            String name,
            Map<String, String> environment,
            Map<String, String> overrides,
            ServicePorts ports) {
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
                settings.connectHost(),
                jar,
                fullEnvironment,
                ports.http(),
                ports.grpc(),
                ports.management(),
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
