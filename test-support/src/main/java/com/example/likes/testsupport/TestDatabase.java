package com.example.likes.testsupport;

import com.example.likes.localstack.DatabaseProvisioner;
import com.example.likes.localstack.LocalPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL server a test suite runs against, started once per JVM and shared by every test class.
 *
 * <p>Which server is chosen by the environment:
 * <ul>
 *   <li>{@code TEST_POSTGRES_URL} (with {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}): an external
 *       server, reached through an administrator account that may create roles and databases;</li>
 *   <li>{@code TEST_POSTGRES=testcontainers}: a {@code postgres:17-alpine} container (needs Docker), which
 *       {@link PostgresContainer} hands to Spring Boot as a service connection; then nothing is registered here;</li>
 *   <li>otherwise: an embedded PostgreSQL 17 ({@link LocalPostgres}), which needs nothing installed.</li>
 * </ul>
 */
public final class TestDatabase {

    /** The value of {@code TEST_POSTGRES} that selects {@link PostgresContainer}. */
    static final String TESTCONTAINERS = "testcontainers";

    private static DatabaseProvisioner server;

    private TestDatabase() {}

    /**
     * Creates (once) database {@code name} owned by a role of the same name, and points
     * {@code spring.datasource.*} at it.
     */
    public static void register(DynamicPropertyRegistry registry, String name) {
        if (TESTCONTAINERS.equalsIgnoreCase(System.getenv("TEST_POSTGRES"))) {
            return;
        }
        DatabaseProvisioner provisioner = server();
        String password = name + "-test-password";
        provisioner.ensureDatabase(name, name, password);
        registry.add("spring.datasource.url", () -> provisioner.jdbcUrlOf(name));
        registry.add("spring.datasource.username", () -> name);
        registry.add("spring.datasource.password", () -> password);
    }

    /** The embedded or external server's administrator view, for tests that provision databases of their own. */
    public static synchronized DatabaseProvisioner server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    private static DatabaseProvisioner startServer() {
        String url = System.getenv("TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new DatabaseProvisioner(
                    url, env("TEST_POSTGRES_USER", "postgres"), env("TEST_POSTGRES_PASSWORD", ""));
        }
        LocalPostgres embedded = LocalPostgres.start(0, null);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
        return embedded.provisioner();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
