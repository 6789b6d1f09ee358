package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outside the {@code dev} profile, a service started with a development secret of {@code .env.example}, an empty
 * password, or a protection switched off or weakened (gRPC authentication, TLS, the demand for client certificates, a
 * rate limit) exits at start with a message that names the setting, before it connects anywhere: the real jars,
 * started as processes the way a deployment starts them.
 */
class DevelopmentModeIT {

    private static final Path ROOT =
            Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();

    /** Settings of one's own: everything but the setting under test is acceptable outside dev. */
    private static final Map<String, String> OWN_SECRETS = Map.of(
            "DASHBOARD_DB_PASSWORD", "own-dashboard-password",
            "DASHBOARD_GRPC_CALLER_KEYS", "product-service:own-product-service-key-01",
            "DASHBOARD_TO_PRODUCT_API_KEY", "own-dashboard-service-key-01",
            "DASHBOARD_OPERATOR_KEYS", "own-operator-key-000001",
            "PRODUCT_DB_PASSWORD", "own-product-password",
            "PRODUCT_GRPC_CALLER_KEYS", "dashboard-service:own-dashboard-service-key-01",
            "PRODUCT_TO_DASHBOARD_API_KEY", "own-product-service-key-01",
            "PRODUCT_OPERATOR_KEYS", "own-operator-key-000001",
            "PLATFORM_OAUTH2_ISSUER_URI", "https://login.example.com/realms/likes");

    static List<Arguments> refusals() {
        return List.of(
                Arguments.of("dashboard-service", "DASHBOARD_DB_PASSWORD", "dashboard", "DASHBOARD_DB_PASSWORD"),
                Arguments.of(
                        "dashboard-service",
                        "DASHBOARD_GRPC_CALLER_KEYS",
                        "product-service:own-product-service-key-01,developer:dev-developer-key",
                        "DASHBOARD_GRPC_CALLER_KEYS"),
                Arguments.of(
                        "dashboard-service", "DASHBOARD_OPERATOR_KEYS", "dev-operator-key", "DASHBOARD_OPERATOR_KEYS"),
                Arguments.of(
                        "product-service",
                        "PRODUCT_TO_DASHBOARD_API_KEY",
                        "dev-product-service-key",
                        "PRODUCT_TO_DASHBOARD_API_KEY"),
                Arguments.of("product-service", "PRODUCT_DB_PASSWORD", "product", "PRODUCT_DB_PASSWORD"),
                Arguments.of("product-service", "PLATFORM_GRPC_AUTH_ENABLED", "false", "PLATFORM_GRPC_AUTH_ENABLED"),
                Arguments.of("dashboard-service", "PLATFORM_GRPC_TLS_ENABLED", "false", "PLATFORM_GRPC_TLS_ENABLED"),
                Arguments.of(
                        "dashboard-service",
                        "SPRING_GRPC_SERVER_SSL_ENABLED",
                        "false",
                        "SPRING_GRPC_SERVER_SSL_ENABLED"),
                Arguments.of(
                        "product-service",
                        "SPRING_GRPC_SERVER_SSL_CLIENT_AUTH",
                        "none",
                        "SPRING_GRPC_SERVER_SSL_CLIENT_AUTH"),
                Arguments.of(
                        "product-service",
                        "PLATFORM_WEB_RATE_LIMIT_ENABLED",
                        "false",
                        "PLATFORM_WEB_RATE_LIMIT_ENABLED"),
                Arguments.of("product-service", "PRODUCT_DB_PASSWORD", "", "PRODUCT_DB_PASSWORD"),
                Arguments.of(
                        "dashboard-service",
                        "PLATFORM_OAUTH2_ISSUER_URI",
                        "http://localhost:9000",
                        "PLATFORM_OAUTH2_ISSUER_URI"),
                Arguments.of("product-service", "PLATFORM_OAUTH2_AUDIENCE", "", "PLATFORM_OAUTH2_AUDIENCE"));
    }

    @ParameterizedTest(name = "{0} with {1}={2}")
    @MethodSource("refusals")
    void aServiceOutsideDevRefusesToStartNamingTheSetting(
            String service, String variable, String value, String named, @TempDir Path logs) throws Exception {
        Map<String, String> environment = new HashMap<>(OWN_SECRETS);
        environment.put(variable, value);

        Path log = logs.resolve(service + ".log");
        Process process = start(service, environment, log);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isNotZero();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains(named + " (")
                .contains("dev profile")
                // It stopped before it opened a database connection or a port.
                .doesNotContain("HikariPool")
                .doesNotContain("Tomcat initialized");
        for (String secret : value.split("[,:]")) {
            if (secret.startsWith("dev-")) {
                assertThat(output).as("the secret itself is never printed").doesNotContain(secret);
            }
        }
    }

    @Test
    void theDevelopmentAuthorizationServerRefusesToStartOutsideDev(@TempDir Path logs) throws Exception {
        Path log = logs.resolve("dev-authorization-server.log");
        Process process = start("dev-authorization-server", Map.of("DEV_AUTH_PORT", "0"), log);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isNotZero();
        assertThat(output).contains("runs only in the dev profile").doesNotContain("Tomcat initialized");
    }

    private static Process start(String service, Map<String, String> environment, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = ROOT.resolve(service).resolve("target").resolve(service + ".jar");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(name -> name.startsWith("SPRING_")
                        || name.startsWith("DASHBOARD_")
                        || name.startsWith("PRODUCT_")
                        || name.startsWith("PLATFORM_")
                        || name.startsWith("DEV_AUTH_"));
        env.putAll(environment);
        // Nothing listens here: a service that tried to connect would fail differently, and later.
        env.put("DASHBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:1/dashboard");
        env.put("PRODUCT_DB_URL", "jdbc:postgresql://127.0.0.1:1/product");
        return builder.start();
    }
}
