package com.example.likes.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack's parts listen and where it keeps its files.
 *
 * @param root the repository's root folder, where the service jars are built
 * @param workDirectory where the embedded PostgreSQL keeps its data and the services their logs
 * @param postgresPort the embedded PostgreSQL's port
 * @param postgresAdminUrl an external PostgreSQL to use instead of the embedded one (JDBC URL), or empty
 * @param postgresAdminUser that server's administrator role
 * @param postgresAdminPassword that role's password
 * @param dashboardHttpPort dashboard-service's REST port
 * @param dashboardGrpcPort dashboard-service's gRPC port
 * @param productHttpPort product-service's REST port
 * @param productGrpcPort product-service's gRPC port
 * @param dashboardManagementPort dashboard-service's management port (Actuator, the operator's endpoints)
 * @param productManagementPort product-service's management port
 * @param keepData whether the embedded PostgreSQL keeps its data across runs
 * @param grpcKeys the API keys the services present to each other and accept from a developer, passed to them as
 *     environment variables; {@code null} leaves the services' own configuration in charge (the environment, and
 *     {@code .env} for {@code ./run-local.sh}, or the development keys of each {@code application.yml})
 * @param serviceEnvironment more environment variables for both services, over the stack's own (the benchmarks
 *     raise rate limits with it)
 * @param serviceJvmOptions more JVM options for both services, after the stack's own (a flight recording, say)
 * @param grpcTls whether the services talk gRPC over mutual TLS, with development certificates made on the first
 *     start in {@code workDirectory/certs} (decision 16); otherwise in plaintext
 */
public record StackSettings(
        Path root,
        Path workDirectory,
        int postgresPort,
        String postgresAdminUrl,
        String postgresAdminUser,
        String postgresAdminPassword,
        int dashboardHttpPort,
        int dashboardGrpcPort,
        int productHttpPort,
        int productGrpcPort,
        int dashboardManagementPort,
        int productManagementPort,
        boolean keepData,
        GrpcKeys grpcKeys,
        Map<String, String> serviceEnvironment,
        List<String> serviceJvmOptions,
        boolean grpcTls) {

    public StackSettings {
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /**
     * The keys of a stack whose API keys are chosen for it.
     *
     * @param productService what product-service presents to the dashboard
     * @param dashboardService what the dashboard presents to product-service
     * @param developer what a developer presents to the dashboard (GetUser only)
     * @param operator what an operator presents to either service's management port
     */
    public record GrpcKeys(String productService, String dashboardService, String developer, String operator) {

        /** Fresh random keys, so that a test stack proves the keys reach both services through the environment. */
        static GrpcKeys random() {
            return new GrpcKeys(randomKey(), randomKey(), randomKey(), randomKey());
        }

        private static String randomKey() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        // A record would print the keys.
        @Override
        public String toString() {
            return "GrpcKeys[hidden]";
        }
    }

    /** The default ports of the system, each overridable by the environment variable of {@code .env.example}. */
    public static StackSettings fromEnvironment(Path root) {
        Map<String, String> env = System.getenv();
        return new StackSettings(
                root,
                Path.of(env.getOrDefault(
                        "LOCAL_STACK_DIR", root.resolve(".local").toString())),
                intOf(env, "POSTGRES_PORT", 5432),
                env.getOrDefault("POSTGRES_ADMIN_URL", ""),
                env.getOrDefault("POSTGRES_ADMIN_USER", "postgres"),
                env.getOrDefault("POSTGRES_ADMIN_PASSWORD", ""),
                intOf(env, "DASHBOARD_HTTP_PORT", 8081),
                intOf(env, "DASHBOARD_GRPC_PORT", 9091),
                intOf(env, "PRODUCT_HTTP_PORT", 8082),
                intOf(env, "PRODUCT_GRPC_PORT", 9092),
                intOf(env, "DASHBOARD_MANAGEMENT_PORT", 8181),
                intOf(env, "PRODUCT_MANAGEMENT_PORT", 8182),
                true,
                null,
                Map.of(),
                List.of(),
                // On, as in production, unless .env turns it off (decision 16).
                !"false"
                        .equalsIgnoreCase(env.getOrDefault("PLATFORM_GRPC_TLS_ENABLED", "true")
                                .strip()));
    }

    /**
     * Free ports for every part, a fresh work folder and random API keys, so that a test stack never collides with a
     * running one. An external server named by {@code TEST_POSTGRES_URL} is used when set.
     */
    public static StackSettings forTests(Path root, Path workDirectory) {
        Map<String, String> env = System.getenv();
        return new StackSettings(
                root,
                workDirectory,
                freePort(),
                env.getOrDefault("TEST_POSTGRES_URL", ""),
                env.getOrDefault("TEST_POSTGRES_USER", "postgres"),
                env.getOrDefault("TEST_POSTGRES_PASSWORD", ""),
                freePort(),
                freePort(),
                freePort(),
                freePort(),
                freePort(),
                freePort(),
                false,
                GrpcKeys.random(),
                // The tests send writes from this one address far faster than the REST limit per client allows.
                Map.of("PLATFORM_WEB_RATE_LIMIT_REQUESTS", "1000000"),
                List.of(),
                // Plaintext, so that the suites and the benchmarks reach gRPC as before; TlsIT turns it on.
                false);
    }

    /** These settings, with {@code environment} added to both services' environment (over the stack's own). */
    public StackSettings withServiceEnvironment(Map<String, String> environment) {
        return new StackSettings(
                root,
                workDirectory,
                postgresPort,
                postgresAdminUrl,
                postgresAdminUser,
                postgresAdminPassword,
                dashboardHttpPort,
                dashboardGrpcPort,
                productHttpPort,
                productGrpcPort,
                dashboardManagementPort,
                productManagementPort,
                keepData,
                grpcKeys,
                environment,
                serviceJvmOptions,
                grpcTls);
    }

    /** These settings, with {@code options} added to both services' JVM options (after the stack's own). */
    public StackSettings withServiceJvmOptions(List<String> options) {
        return new StackSettings(
                root,
                workDirectory,
                postgresPort,
                postgresAdminUrl,
                postgresAdminUser,
                postgresAdminPassword,
                dashboardHttpPort,
                dashboardGrpcPort,
                productHttpPort,
                productGrpcPort,
                dashboardManagementPort,
                productManagementPort,
                keepData,
                grpcKeys,
                serviceEnvironment,
                options,
                grpcTls);
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
                dashboardHttpPort,
                dashboardGrpcPort,
                productHttpPort,
                productGrpcPort,
                dashboardManagementPort,
                productManagementPort,
                keepData,
                grpcKeys,
                serviceEnvironment,
                serviceJvmOptions,
                tls);
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

    /** A port no process listens on now, on any address. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
