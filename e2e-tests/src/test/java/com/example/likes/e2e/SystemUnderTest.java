package com.example.likes.e2e;

import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import com.example.likes.localstack.StackSettings.GrpcKeys;
import java.net.URI;
import java.nio.file.Path;

/**
 * The running system the end-to-end tests talk to, started once per test JVM and stopped when it exits.
 *
 * <p>{@code -De2e.stack=local} (default) starts PostgreSQL and both services as separate processes, as
 * {@code ./run-local.sh} does, on free ports. {@code -De2e.stack=compose} brings up {@code docker-compose.yml}
 * with the compose CLI instead ({@link ComposeSystem}; needs a Docker engine and docker compose or docker-compose).
 */
sealed interface SystemUnderTest permits SystemUnderTest.LocalProcesses, ComposeSystem {

    URI dashboardHttp();

    URI productHttp();

    /** dashboard-service's management port (Actuator, the operator's endpoints). */
    URI dashboardManagement();

    /** product-service's management port. */
    URI productManagement();

    /** {@code host:port} of dashboard-service's gRPC server. */
    String dashboardGrpc();

    /** {@code host:port} of product-service's gRPC server. */
    String productGrpc();

    /**
     * The API keys the services accept: product-service's and a developer's (dashboard), the dashboard's (product),
     * and the operator's (both management ports).
     */
    GrpcKeys grpcKeys();

    static SystemUnderTest get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        private static final SystemUnderTest INSTANCE = start();

        private Holder() {}

        private static SystemUnderTest start() {
            String kind = System.getProperty("e2e.stack", "local");
            Path root = Path.of(System.getProperty("e2e.root", ".."))
                    .toAbsolutePath()
                    .normalize();
            SystemUnderTest system = switch (kind) {
                case "local" ->
                    new LocalProcesses(LocalStack.start(StackSettings.forTests(
                            root, Path.of(System.getProperty("e2e.workDirectory", "target/stack")))));
                case "compose" ->
                    ComposeSystem.start(
                            root,
                            Path.of(System.getProperty("e2e.workDirectory", "target/stack"))
                                    .resolve("compose-logs"));
                default -> throw new IllegalArgumentException("e2e.stack must be local or compose, not " + kind);
            };
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "e2e-stack-stop"));
            return system;
        }
    }

    void close();

    /** Both services as OS processes on this machine. */
    record LocalProcesses(LocalStack stack) implements SystemUnderTest {

        @Override
        public URI dashboardHttp() {
            return stack.dashboard().baseUri();
        }

        @Override
        public URI productHttp() {
            return stack.product().baseUri();
        }

        @Override
        public URI dashboardManagement() {
            return stack.dashboard().managementUri();
        }

        @Override
        public URI productManagement() {
            return stack.product().managementUri();
        }

        @Override
        public String dashboardGrpc() {
            return "localhost:" + stack.dashboard().grpcPort();
        }

        @Override
        public String productGrpc() {
            return "localhost:" + stack.product().grpcPort();
        }

        @Override
        public GrpcKeys grpcKeys() {
            return stack.settings().grpcKeys();
        }

        ServiceProcess dashboard() {
            return stack.dashboard();
        }

        ServiceProcess product() {
            return stack.product();
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
