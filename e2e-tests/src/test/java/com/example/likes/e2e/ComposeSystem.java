package com.example.likes.e2e;

import com.example.likes.localstack.DevTokens;
import com.example.likes.localstack.ServiceDescriptor;
import com.example.likes.localstack.ServicePorts;
import com.example.likes.localstack.StackSettings;
import com.example.likes.localstack.StackSettings.GrpcKeys;
import com.palantir.docker.compose.DockerComposeExtension;
import com.palantir.docker.compose.configuration.ProjectName;
import com.palantir.docker.compose.connection.Container;
import com.palantir.docker.compose.connection.DockerMachine;
import com.palantir.docker.compose.connection.DockerPort;
import com.palantir.docker.compose.connection.State;
import com.palantir.docker.compose.connection.waiting.ClusterHealthCheck;
import com.palantir.docker.compose.connection.waiting.ClusterWait;
import com.palantir.docker.compose.connection.waiting.SuccessOrFailure;
import com.palantir.docker.compose.execution.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system as {@code docker compose up --build} runs it ({@code -De2e.stack=compose}). Palantir's
 * docker-compose-rule drives the compose CLI itself, {@code docker compose} where that plugin is installed and
 * {@code docker-compose} otherwise, so a Docker engine and a compose CLI are all this needs: no helper images.
 *
 * <p>It builds the images, brings the project up, waits until every container of it runs and reports healthy by the
 * health check that {@code docker-compose.yml} gives it (the one place that says how each service is checked), reads
 * the published ports from the CLI, and ends with {@code down --volumes}. Every host port that docker-compose.yml
 * takes from a variable ({@code "${DASHBOARD_HTTP_PORT:-8081}:8081"}) is given a free one, so the project runs beside
 * whatever holds the default ports. Which services the tests reach, and on which ports inside their containers, comes
 * from {@code services/} (each descriptor's default ports are its container's ports).
 */
final class ComposeSystem implements SystemUnderTest {

    /** The project: its containers, network, volume and images are named {@code likes-e2e_...}. */
    static final String PROJECT = "likes-e2e";

    /** From {@code up} (images built) until every container is healthy, and the same after a restart. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /**
     * What the suites set over docker-compose.yml's defaults: gRPC in plaintext (GrpcMutualTlsIT tests mutual TLS on a
     * stack of its own), and REST limits per client above what the load tests send from this one address.
     */
    private static final Map<String, String> TEST_ENVIRONMENT = Map.of(
            "PLATFORM_GRPC_TLS_ENABLED",
            "false",
            "PLATFORM_WEB_RATE_LIMIT_REQUESTS",
            "1000000",
            "PLATFORM_WEB_RATE_LIMIT_READ_REQUESTS",
            "1000000");

    /** A published port whose host side is a variable with a default: {@code ${NAME:-8081}:8081}. */
    private static final Pattern HOST_PORT_VARIABLE = Pattern.compile("\\$\\{(\\w+):-\\d+}:\\d+");

    /** The development authorization server of docker-compose.yml, and its port inside its container. */
    private static final String AUTHORIZATION_SERVER = "dev-authorization-server";

    private static final int AUTHORIZATION_SERVER_PORT = 9000;

    private final DockerComposeExtension compose;
    private final DevTokens tokens;
    private final Command cli;
    // Every container that runs (PostgreSQL's among them), for the health wait.
    private final List<String> containers;
    // The services of services/, with their ports inside their containers.
    private final Map<String, ServiceDescriptor> services;

    private ComposeSystem(DockerComposeExtension compose, List<String> containers, List<ServiceDescriptor> services) {
        this.compose = compose;
        this.tokens = new DevTokens(URI.create("http://" + address(AUTHORIZATION_SERVER, AUTHORIZATION_SERVER_PORT)));
        this.cli = new Command(compose.dockerComposeExecutable(), line -> {});
        this.containers = containers;
        Map<String, ServiceDescriptor> byName = new LinkedHashMap<>();
        services.forEach(service -> byName.put(service.name(), service));
        this.services = byName;
    }

    static ComposeSystem start(Path root, Path logDirectory) {
        Path file = root.resolve("docker-compose.yml");
        DockerMachine.LocalBuilder machine = DockerMachine.localMachine()
                // docker-compose 1.x fits `ps` to the terminal's width, which would cut the ports off its lines.
                .withAdditionalEnvironmentVariable("COLUMNS", "10000");
        hostPortVariables(file).forEach(machine::withAdditionalEnvironmentVariable);
        TEST_ENVIRONMENT.forEach(machine::withAdditionalEnvironmentVariable);
        DockerComposeExtension compose = DockerComposeExtension.builder()
                .file(file.toString())
                .projectName(ProjectName.fromString(PROJECT))
                .machine(machine.build())
                .useDockerComposeV2(composeV2IsInstalled())
                .nativeServiceHealthCheckTimeout(org.joda.time.Duration.millis(READY_TIMEOUT.toMillis()))
                .saveLogsTo(logDirectory.toString())
                .build();
        try {
            // A run that was killed leaves its containers and volume behind: start from nothing.
            new Command(compose.dockerComposeExecutable(), line -> {})
                    .execute(Command.throwingOnError(), "down", "--volumes");
            System.out.println("docker compose: building the images and starting " + file);
            long started = System.nanoTime();
            compose.before(); // build, up -d, and wait while a health check is still starting
            // The services up now: docker-compose.yml's without a profile (`ps --services` alone lists those too).
            List<String> services = Arrays.stream(new Command(compose.dockerComposeExecutable(), line -> {})
                            .execute(Command.throwingOnError(), "ps", "--services", "--filter", "status=running")
                            .split("\\R"))
                    .map(String::trim)
                    .filter(name -> !name.isEmpty())
                    .toList();
            ComposeSystem system = new ComposeSystem(compose, services, ServiceDescriptor.discover(root));
            system.awaitHealthy();
            System.out.printf(
                    "docker compose: %s healthy after %d s%n",
                    services, Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return system;
        } catch (IOException | InterruptedException | RuntimeException e) {
            compose.after(); // what did start goes again, its logs kept
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("docker compose: the project did not come up: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> services() {
        return List.copyOf(services.keySet());
    }

    @Override
    public Endpoints service(String name) {
        ServiceDescriptor service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service %s in services/ (known: %s)".formatted(name, services()));
        }
        ServicePorts ports = service.defaultPorts();
        return new Endpoints(
                URI.create("http://" + address(name, ports.http())),
                URI.create("http://" + address(name, ports.management())),
                address(name, ports.grpc()));
    }

    /** The development keys of docker-compose.yml (and .env.example). */
    @Override
    public GrpcKeys grpcKeys() {
        return GrpcKeys.development();
    }

    /** The development authorization server's tokens; its issuer is the address its port is published at. */
    @Override
    public DevTokens tokens() {
        return tokens;
    }

    /**
     * {@code docker compose restart}, then waits until every service is healthy again. The authorization server
     * restarts with a new key, so the tokens fetched before are forgotten.
     */
    void restart() {
        run("restart");
        tokens.forget();
        awaitHealthy();
    }

    /** {@code docker compose down} (the volumes stay) and {@code up -d} again; waits until every service is healthy. */
    void downAndUp() {
        run("down");
        run("up", "-d");
        tokens.forget();
        awaitHealthy();
    }

    /** {@code docker compose stop <service>}: SIGTERM, as a user stops it. */
    void stop(String service) {
        run("stop", service);
    }

    /** {@code docker compose start <service>}, then waits until every service is healthy. */
    void start(String service) {
        run("start", service);
        awaitHealthy();
    }

    /** Whether the service's container runs now (healthy or not). */
    boolean isRunning(String service) {
        return state(compose.containers().container(service)) != State.DOWN;
    }

    /** HEALTHY: runs and reports healthy, or runs and has no health check; UNHEALTHY: starting or failing; DOWN. */
    private static State state(Container container) {
        try {
            return container.state();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every container of the project runs and each one with a health check reports healthy. */
    void awaitHealthy() {
        ClusterHealthCheck everyServiceHealthy = ClusterHealthCheck.serviceHealthCheck(containers, running -> {
            List<String> notYet = new ArrayList<>();
            for (Container container : running) {
                try {
                    State now = state(container);
                    if (now != State.HEALTHY) {
                        notYet.add(container.getContainerName() + " " + now);
                    }
                } catch (RuntimeException e) { // the CLI failed to answer (a container being recreated): ask again
                    notYet.add(container.getContainerName() + " " + e.getMessage());
                }
            }
            return SuccessOrFailure.fromBoolean(notYet.isEmpty(), "not healthy yet: " + notYet);
        });
        new ClusterWait(everyServiceHealthy, org.joda.time.Duration.millis(READY_TIMEOUT.toMillis()))
                .waitUntilReady(compose.containers());
    }

    private String address(String service, int containerPort) {
        DockerPort port = compose.containers().container(service).port(containerPort);
        return port.getIp() + ":" + port.getExternalPort();
    }

    private void run(String... arguments) {
        try {
            cli.execute(Command.throwingOnError(), arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill}, the services' logs into the log directory, {@code down --volumes}. */
    @Override
    public void close() {
        compose.after();
    }

    /** A free port for each variable that names a published host port in the compose file. */
    private static Map<String, String> hostPortVariables(Path composeFile) {
        Map<String, String> ports = new LinkedHashMap<>();
        try {
            Matcher variable = HOST_PORT_VARIABLE.matcher(Files.readString(composeFile));
            while (variable.find()) {
                ports.putIfAbsent(variable.group(1), Integer.toString(StackSettings.freePort()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }

    /** {@code docker compose} (v2, the Docker CLI plugin) when it answers, else the standalone docker-compose. */
    private static boolean composeV2IsInstalled() {
        try {
            Process version = new ProcessBuilder("docker", "compose", "version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return version.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
