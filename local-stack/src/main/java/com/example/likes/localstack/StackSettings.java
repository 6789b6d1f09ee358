package com.example.likes.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Where the local stack's parts listen and where it keeps its files.
 *
 * @param root the repository's root folder, where the service jars are built
 * @param workDirectory where the embedded PostgreSQL keeps its data and the services their logs
 * @param postgresPort the embedded PostgreSQL's port
 * @param postgresAdminUrl an external PostgreSQL to use instead of the embedded one (JDBC URL), or empty
 * @param postgresAdminUser that server's administrator role
 * @param postgresAdminPassword that role's password
 * @param services the services to start, from {@code services/*.properties} ({@link ServiceDescriptor})
 * @param ports each service's ports, by its name
 * @param keepData whether the embedded PostgreSQL keeps its data across runs
 * @param grpcKeys the API keys the services present to each other and accept from a developer, passed to them as
 *     environment variables; {@code null} leaves the services' own configuration in charge (the environment, and
 *     {@code .env} for {@code ./run-local.sh}, or the development keys of each {@code application.yml})
 * @param serviceEnvironment more environment variables for every service, over the stack's own (the benchmarks
 *     raise rate limits with it)
 * @param serviceJvmOptions more JVM options for every service, after the stack's own (a flight recording, say)
 * @param grpcTls whether the services talk gRPC over mutual TLS, with development certificates made on the first
 *     start in {@code workDirectory/certs} (decision 16); otherwise in plaintext
 * @param bindAddress the address every part listens on: {@value #LOOPBACK} unless told otherwise, so that nothing of a
 *     development stack, whose keys are published, is reachable from the network
 * @param issuer the development OpenID Connect issuer to run beside the services ({@code services/issuer/}), or
 *     {@code null} for none
 * @param issuerPort its port
 */
public record StackSettings(
        Path root,
        Path workDirectory,
        int postgresPort,
        String postgresAdminUrl,
        String postgresAdminUser,
        String postgresAdminPassword,
        List<ServiceDescriptor> services,
        Map<String, ServicePorts> ports,
        boolean keepData,
        GrpcKeys grpcKeys,
        Map<String, String> serviceEnvironment,
        List<String> serviceJvmOptions,
        boolean grpcTls,
        String bindAddress,
        IssuerDescriptor issuer,
        int issuerPort) {

    /** Where the stack listens unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /** The ports {@link #freePort()} chooses from: below the ranges the systems hand out themselves. */
    static final int FIRST_CHOSEN_PORT = 20000;

    static final int LAST_CHOSEN_PORT = 32767;

    // Every port freePort() returned in this JVM: one stack asks for many before any is bound.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public StackSettings {
        services = List.copyOf(services);
        ports = Map.copyOf(ports);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("no address to listen on (LOCAL_STACK_BIND_ADDRESS)");
        }
        for (ServiceDescriptor service : services) {
            if (!ports.containsKey(service.name())) {
                throw new IllegalArgumentException("no ports for " + service.name());
            }
        }
    }

    /**
     * The API keys of a stack whose keys are chosen for it: one for each caller and each server it calls (a key
     * opens one server only), and the operator's.
     */
    public static final class GrpcKeys {

        /** The caller name of a developer's tools (grpcurl, buf curl, the tests). */
        public static final String DEVELOPER = "developer";

        private final BiFunction<String, String, String> keyOf;
        private final String operator;

        private GrpcKeys(BiFunction<String, String, String> keyOf, String operator) {
            this.keyOf = keyOf;
            this.operator = operator;
        }

        /** Fresh random keys, so that a test stack proves the keys reach the services through the environment. */
        static GrpcKeys random() {
            Map<String, String> keys = new ConcurrentHashMap<>();
            return new GrpcKeys(
                    (caller, server) -> keys.computeIfAbsent(caller + "->" + server, pair -> randomKey()), randomKey());
        }

        /**
         * The development keys of {@code .env.example} and {@code docker-compose.yml}: {@code dev-<caller>-key} for
         * every server, {@code dev-operator-key} for the operator.
         */
        public static GrpcKeys development() {
            return new GrpcKeys((caller, server) -> "dev-" + caller + "-key", "dev-operator-key");
        }

        /** The key {@code caller} (a service's name, or {@link #DEVELOPER}) presents to {@code server}. */
        public String of(String caller, String server) {
            return keyOf.apply(caller, server);
        }

        /** What an operator presents to every service's management port. */
        public String operator() {
            return operator;
        }

        private static String randomKey() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        // The keys stay out of logs and assertion messages.
        @Override
        public String toString() {
            return "GrpcKeys[hidden]";
        }
    }

    /**
     * Every service of {@code services/} on its default ports, each overridable by the environment variable of
     * {@code .env.example} ({@code <PREFIX>_HTTP_PORT}, {@code _GRPC_PORT}, {@code _MANAGEMENT_PORT}).
     */
    public static StackSettings fromEnvironment(Path root) {
        return fromEnvironment(root, System.getenv());
    }

    /** {@link #fromEnvironment(Path)} with the variables of {@code env}. */
    static StackSettings fromEnvironment(Path root, Map<String, String> env) {
        List<ServiceDescriptor> services = ServiceDescriptor.discover(root);
        IssuerDescriptor issuer = IssuerDescriptor.discover(root);
        Map<String, ServicePorts> ports = new LinkedHashMap<>();
        for (ServiceDescriptor service : services) {
            ServicePorts defaults = service.defaultPorts();
            ports.put(
                    service.name(),
                    new ServicePorts(
                            intOf(env, service.variable("HTTP_PORT"), defaults.http()),
                            intOf(env, service.variable("GRPC_PORT"), defaults.grpc()),
                            intOf(env, service.variable("MANAGEMENT_PORT"), defaults.management())));
        }
        return new StackSettings(
                root,
                Path.of(env.getOrDefault(
                        "LOCAL_STACK_DIR", root.resolve(".local").toString())),
                intOf(env, "POSTGRES_PORT", 5432),
                env.getOrDefault("POSTGRES_ADMIN_URL", ""),
                env.getOrDefault("POSTGRES_ADMIN_USER", "postgres"),
                env.getOrDefault("POSTGRES_ADMIN_PASSWORD", ""),
                services,
                ports,
                true,
                null,
                Map.of(),
                List.of(),
                // On, as in production, unless .env turns it off (decision 16).
                !"false"
                        .equalsIgnoreCase(env.getOrDefault("PLATFORM_GRPC_TLS_ENABLED", "true")
                                .strip()),
                env.getOrDefault("LOCAL_STACK_BIND_ADDRESS", LOOPBACK).strip(),
                issuer,
                issuer == null ? 0 : intOf(env, issuer.portVariable(), issuer.defaultPort()));
    }

    /**
     * Every service of {@code services/}, with free ports for every part, a fresh work folder and random API keys,
     * so that a test stack never collides with a running one. An external server named by {@code TEST_POSTGRES_URL}
     * is used when set.
     */
    public static StackSettings forTests(Path root, Path workDirectory) {
        Map<String, String> env = System.getenv();
        List<ServiceDescriptor> services = ServiceDescriptor.discover(root);
        IssuerDescriptor issuer = IssuerDescriptor.discover(root);
        Map<String, ServicePorts> ports = new LinkedHashMap<>();
        services.forEach(service -> ports.put(service.name(), ServicePorts.free()));
        return new StackSettings(
                root,
                workDirectory,
                freePort(),
                env.getOrDefault("TEST_POSTGRES_URL", ""),
                env.getOrDefault("TEST_POSTGRES_USER", "postgres"),
                env.getOrDefault("TEST_POSTGRES_PASSWORD", ""),
                services,
                ports,
                false,
                GrpcKeys.random(),
                // The tests send writes and reads from this one address far faster than the REST limits per client
                // allow.
                Map.of(
                        "PLATFORM_WEB_RATE_LIMIT_REQUESTS",
                        "1000000",
                        "PLATFORM_WEB_RATE_LIMIT_READ_REQUESTS",
                        "1000000"),
                List.of(),
                // Plaintext, so that the suites and the benchmarks reach gRPC without certificates; GrpcMutualTlsIT
                // turns it on.
                false,
                LOOPBACK,
                issuer,
                issuer == null ? 0 : freePort());
    }

    /** The descriptor of the service called {@code name}. */
    public ServiceDescriptor service(String name) {
        return services.stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service %s in this stack (it has %s)"
                        .formatted(
                                name,
                                services.stream().map(ServiceDescriptor::name).toList())));
    }

    /** The ports of the service called {@code name}. */
    public ServicePorts portsOf(String name) {
        return ports.get(service(name).name());
    }

    /**
     * These settings with only the services called {@code names} (the benchmarks measure two and start no other).
     * A service kept is given no target for a service left out.
     */
    public StackSettings withOnly(List<String> names) {
        names.forEach(this::service);
        return new StackSettings(
                root,
                workDirectory,
                postgresPort,
                postgresAdminUrl,
                postgresAdminUser,
                postgresAdminPassword,
                services.stream()
                        .filter(service -> names.contains(service.name()))
                        .toList(),
                ports,
                keepData,
                grpcKeys,
                serviceEnvironment,
                serviceJvmOptions,
                grpcTls,
                bindAddress,
                issuer,
                issuerPort);
    }

    /** These settings, with {@code environment} added to every service's environment (over the stack's own). */
    public StackSettings withServiceEnvironment(Map<String, String> environment) {
        return new StackSettings(
                root,
                workDirectory,
                postgresPort,
                postgresAdminUrl,
                postgresAdminUser,
                postgresAdminPassword,
                services,
                ports,
                keepData,
                grpcKeys,
                added(serviceEnvironment, environment),
                serviceJvmOptions,
                grpcTls,
                bindAddress,
                issuer,
                issuerPort);
    }

    /** These settings, with {@code options} added to every service's JVM options (after the stack's own). */
    public StackSettings withServiceJvmOptions(List<String> options) {
        return new StackSettings(
                root,
                workDirectory,
                postgresPort,
                postgresAdminUrl,
                postgresAdminUser,
                postgresAdminPassword,
                services,
                ports,
                keepData,
                grpcKeys,
                serviceEnvironment,
                Stream.concat(serviceJvmOptions.stream(), options.stream()).toList(),
                grpcTls,
                bindAddress,
                issuer,
                issuerPort);
    }

    // The stack's own environment with more on top: a later value of a variable wins.
    private static Map<String, String> added(Map<String, String> own, Map<String, String> more) {
        Map<String, String> environment = new LinkedHashMap<>(own);
        environment.putAll(more);
        return environment;
    }

    /** These settings, with gRPC over mutual TLS ({@code true}) or in plaintext. */
    public StackSettings withGrpcTls(boolean tls) {
        return new StackSettings(
                root,
                workDirectory,
                postgresPort,
                postgresAdminUrl,
                postgresAdminUser,
                postgresAdminPassword,
                services,
                ports,
                keepData,
                grpcKeys,
                serviceEnvironment,
                serviceJvmOptions,
                tls,
                bindAddress,
                issuer,
                issuerPort);
    }

    /** The development issuer's URL ({@code iss}, discovery), as the services and the stack's clients reach it. */
    public URI issuerUri() {
        return URI.create("http://" + connectHost() + ":" + issuerPort);
    }

    /**
     * The host the stack's clients use, and each service to reach the others: the bind address, or the loopback when
     * the stack listens on every interface ({@code 0.0.0.0}, {@code ::}).
     */
    public String connectHost() {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "[::]" -> LOOPBACK;
            default ->
                bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        };
    }

    /** Whether the stack listens on a loopback address only, out of the network's reach. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Where the development certificates of a stack with {@link #grpcTls()} are. */
    public DevCertificates certificates() {
        return new DevCertificates(workDirectory.resolve("certs"));
    }

    boolean embeddedPostgres() {
        return postgresAdminUrl.isBlank();
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /**
     * A port no process listens on now, on any address, from {@value #FIRST_CHOSEN_PORT} to
     * {@value #LAST_CHOSEN_PORT}.
     *
     * <p>Whoever asks binds the port later, often seconds later, in a process that is still starting. A port the
     * system hands out itself (for port 0, and as the local port of every outgoing connection: from 32768 on Linux,
     * from 49152 on macOS and Windows) can be taken by any connection in between, and then the server fails to bind
     * ("Address already in use"). Below those ranges only a listener that names the port can take it. A port is
     * returned once per JVM.
     */
    public static int freePort() {
        int tries = 100;
        for (int attempt = 0; attempt < tries; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_CHOSEN_PORT, LAST_CHOSEN_PORT + 1);
            // Claimed before the check, so two threads never get the same one; a taken port stays claimed.
            if (HANDED_OUT.add(port)) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    return port;
                } catch (IOException taken) {
                    // Another listener has it: try another.
                }
            }
        }
        throw new IllegalStateException(
                "no free port from " + FIRST_CHOSEN_PORT + " to " + LAST_CHOSEN_PORT + " in " + tries + " tries");
    }
}
