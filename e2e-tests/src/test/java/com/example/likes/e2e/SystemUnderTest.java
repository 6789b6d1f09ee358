package com.example.likes.e2e;

import com.example.likes.localstack.DevTokens;
import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import com.example.likes.localstack.StackSettings.GrpcKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The running system the end-to-end tests talk to, started once per test JVM and stopped when it exits: every
 * service of {@code services/} ({@code ServiceDescriptor}), reached through {@link #service(String)}.
 *
 * <p>{@code -De2e.stack=local} (default) starts PostgreSQL and every service as separate processes, as
 * {@code ./run-local.sh} does, on free ports. {@code -De2e.stack=compose} brings up {@code docker-compose.yml}
 * with the compose CLI instead ({@link ComposeSystem}; needs a Docker engine and docker compose or docker-compose).
 */
sealed interface SystemUnderTest permits SystemUnderTest.LocalProcesses, ComposeSystem {

    /**
     * Where the tests reach one service.
     *
     * @param http its REST base address
     * @param management its management port (Actuator, the operator's endpoints)
     * @param grpc {@code host:port} of its gRPC server
     */
    record Endpoints(URI http, URI management, String grpc) {}

    /** The names of the services that run. */
    List<String> services();

    /** Where the service called {@code name} is reached. */
    Endpoints service(String name);

    default URI dashboardHttp() {
        return service("dashboard-service").http();
    }

    default URI productHttp() {
        return service("product-service").http();
    }

    /** dashboard-service's management port (Actuator, the operator's endpoints). */
    default URI dashboardManagement() {
        return service("dashboard-service").management();
    }

    /** product-service's management port. */
    default URI productManagement() {
        return service("product-service").management();
    }

    /** {@code host:port} of dashboard-service's gRPC server. */
    default String dashboardGrpc() {
        return service("dashboard-service").grpc();
    }

    /** {@code host:port} of product-service's gRPC server. */
    default String productGrpc() {
        return service("product-service").grpc();
    }

    /**
     * The API keys the services accept: {@code grpcKeys().of(caller, server)} is what {@code caller} (a service, or
     * {@code developer}) presents to {@code server}; and the operator's (every management port).
     */
    GrpcKeys grpcKeys();

    /**
     * Tokens of the development authorization server the system runs: {@code tokens().editor()}, the product editor's;
     * {@code tokens().user(name)}, an end user's (see {@link DevUser}).
     */
    DevTokens tokens();

    /** dashboard-service's REST port, as the product editor. */
    default Http dashboardAsEditor() {
        return new Http(dashboardHttp()).withToken(tokens()::editor);
    }

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

    /** Every service as an OS process on this machine. */
    record LocalProcesses(LocalStack stack) implements SystemUnderTest {

        @Override
        public List<String> services() {
            return stack.services().stream().map(ServiceProcess::name).toList();
        }

        @Override
        public Endpoints service(String name) {
            ServiceProcess service = stack.service(name);
            return new Endpoints(service.baseUri(), service.managementUri(), service.grpcTarget());
        }

        @Override
        public GrpcKeys grpcKeys() {
            return stack.settings().grpcKeys();
        }

        @Override
        public DevTokens tokens() {
            return stack.tokens();
        }

        ServiceProcess dashboard() {
            return stack.service("dashboard-service");
        }

        ServiceProcess product() {
            return stack.service("product-service");
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
