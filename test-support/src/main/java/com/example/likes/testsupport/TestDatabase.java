package com.example.likes.testsupport;

import com.example.likes.localstack.DatabaseProvisioner;
import com.example.likes.localstack.LocalPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL server a test suite runs against, started once per JVM and shared by every test class.
 *
 * <p>Which server is chosen by the environment:
 * <ul>
 *   <li>{@code TEST_POSTGRES_URL} (with {@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}): an external
 *       server, reached through an administrator account that may create roles and databases;</li>
 *   <li>{@code TEST_POSTGRES=testcontainers}: a {@code postgres:17-alpine} container (needs Docker);</li>
 *   <li>otherwise: an embedded PostgreSQL 17 ({@link LocalPostgres}), which needs nothing installed.</li>
 * </ul>
 */
public final class TestDatabase {

    private static DatabaseProvisioner server;

    private TestDatabase() {}

    /**
     * Creates (once) database {@code name} owned by a role of the same name, and points
     * {@code spring.datasource.*} at it.
     */
    public static void register(DynamicPropertyRegistry registry, String name) {
        DatabaseProvisioner provisioner = server();
        String password = name + "-test-password";
        provisioner.ensureDatabase(name, name, password);
        registry.add("spring.datasource.url", () -> provisioner.jdbcUrlOf(name));
        registry.add("spring.datasource.username", () -> name);
        registry.add("spring.datasource.password", () -> password);
    }

    /** The server's administrator view, for tests that provision databases of their own. */
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
        if ("testcontainers".equalsIgnoreCase(System.getenv("TEST_POSTGRES"))) {
            @SuppressWarnings("resource") // lives as long as the JVM
            // The administrator's database, which every PostgreSQL server has: the suites' own are made from it.
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine").withDatabaseName("postgres");
            container.start();
            // Testcontainers' reaper (ryuk) would remove it too, but not where it is off
            // (TESTCONTAINERS_RYUK_DISABLED).
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
            return new DatabaseProvisioner(container.getJdbcUrl(), container.getUsername(), container.getPassword());
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
