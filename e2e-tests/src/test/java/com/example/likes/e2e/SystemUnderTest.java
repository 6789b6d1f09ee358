package com.example.likes.e2e;

import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import com.example.likes.localstack.StackSettings.GrpcKeys;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The running system the end-to-end tests talk to, started once per test JVM and stopped when it exits.
 *
 * <p>{@code -De2e.stack=local} (default) starts PostgreSQL and both services as separate processes, as
 * {@code ./run-local.sh} does, on free ports. {@code -De2e.stack=compose} brings up {@code docker-compose.yml}
 * through Testcontainers instead (needs Docker).
 */
sealed interface SystemUnderTest permits SystemUnderTest.LocalProcesses, SystemUnderTest.Compose {

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
                case "compose" -> Compose.start(root);
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

    /** The system as {@code docker compose up} runs it. */
    record Compose(ComposeContainer compose) implements SystemUnderTest {

        static Compose start(Path root) {
            ComposeContainer compose = new ComposeContainer(new File(root.toFile(), "docker-compose.yml"))
                    .withBuild(true)
                    // The suites call gRPC in plaintext; GrpcMutualTlsIT tests mutual TLS, on its own local stack.
                    .withEnv("PLATFORM_GRPC_TLS_ENABLED", "false")
                    .withExposedService("dashboard-service", 8081)
                    .withExposedService(
                            "dashboard-service",
                            8181,
                            Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(10)))
                    .withExposedService("dashboard-service", 9091)
                    .withExposedService("product-service", 8082)
                    .withExposedService(
                            "product-service",
                            8182,
                            Wait.forHttp("/actuator/health/readiness").withStartupTimeout(Duration.ofMinutes(10)))
                    .withExposedService("product-service", 9092);
            compose.start();
            return new Compose(compose);
        }

        @Override
        public URI dashboardHttp() {
            return URI.create("http://" + address("dashboard-service", 8081));
        }

        @Override
        public URI productHttp() {
            return URI.create("http://" + address("product-service", 8082));
        }

        @Override
        public URI dashboardManagement() {
            return URI.create("http://" + address("dashboard-service", 8181));
        }

        @Override
        public URI productManagement() {
            return URI.create("http://" + address("product-service", 8182));
        }

        @Override
        public String dashboardGrpc() {
            return address("dashboard-service", 9091);
        }

        @Override
        public String productGrpc() {
            return address("product-service", 9092);
        }

        /** The development keys of docker-compose.yml (and .env.example). */
        @Override
        public GrpcKeys grpcKeys() {
            return new GrpcKeys(
                    "dev-product-service-key", "dev-dashboard-service-key", "dev-developer-key", "dev-operator-key");
        }

        private String address(String service, int port) {
            return compose.getServiceHost(service, port) + ":" + compose.getServicePort(service, port);
        }

        @Override
        public void close() {
            compose.stop();
        }
    }
}
