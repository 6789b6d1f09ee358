package com.example.likes.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's embedded binaries, PostgreSQL 17) running as a child process of this JVM.
 * Used by {@code ./run-local.sh} and by the test suites when no other server is named.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server on PostgreSQL's default address (localhost). */
    public static LocalPostgres start(int port, Path dataDirectory) {
        return start(port, "localhost", dataDirectory);
    }

    /**
     * Starts a server.
     *
     * @param port the port to listen on, 0 for any free port
     * @param address the address to listen on ({@code 0.0.0.0} for every interface)
     * @param dataDirectory where to keep the data across restarts, or {@code null} for a throw-away directory
     */
    public static LocalPostgres start(int port, String address, Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The owner stops the server, after the services that use it; zonky's own hook would race them.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", address);
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** An administrator's view of this server, for creating databases and roles. */
    public DatabaseProvisioner provisioner() {
        return provisioner("localhost");
    }

    /** {@link #provisioner()}, reaching the server at {@code host}. */
    public DatabaseProvisioner provisioner(String host) {
        return new DatabaseProvisioner(
                "jdbc:postgresql://%s:%d/postgres".formatted(host, postgres.getPort()), "postgres", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
