package com.example.likes.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service of the system running as a separate OS process ({@code java -jar}), with its output in a log file.
 * It can be started again after a stop or a kill, which is what the fault tests do.
 */
public final class ServiceProcess {

    private static final int READY_POLL_MILLIS = 100;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final String host;
    private final Path jar;
    private final Map<String, String> environment;
    private final int httpPort;
    private final int grpcPort;
    private final int managementPort;
    private final Path logFile;
    private final List<String> jvmOptions;
    private final AotCache aotCache;
    private final String readinessPath;
    private Process process;
    private volatile long startedNanos;
    private volatile Duration startupTime;
    private volatile boolean startedFromAotCache;

    ServiceProcess(
            String name,
            String host,
            Path jar,
            Map<String, String> environment,
            int httpPort,
            int grpcPort,
            int managementPort,
            Path logFile,
            List<String> baseJvmOptions,
            List<String> extraJvmOptions) {
        this(
                name,
                host,
                jar,
                environment,
                httpPort,
                grpcPort,
                managementPort,
                "/actuator/health/readiness",
                logFile,
                baseJvmOptions,
                extraJvmOptions);
    }

    /** A process that answers 200 on {@code readinessPath} of its management port once it is ready. */
    ServiceProcess(
            String name,
            String host,
            Path jar,
            Map<String, String> environment,
            int httpPort,
            int grpcPort,
            int managementPort,
            String readinessPath,
            Path logFile,
            List<String> baseJvmOptions,
            List<String> extraJvmOptions) {
        this.name = name;
        this.readinessPath = readinessPath;
        this.host = host;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.jvmOptions =
                Stream.concat(baseJvmOptions.stream(), extraJvmOptions.stream()).toList();
        this.aotCache = new AotCache(jar, baseJvmOptions);
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** {@code host:port} of its gRPC server. */
    public String grpcTarget() {
        return host + ":" + grpcPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public URI baseUri() {
        return URI.create("http://" + host + ":" + httpPort);
    }

    /** The management port (Actuator, the operator's endpoints). */
    public URI managementUri() {
        return URI.create("http://" + host + ":" + managementPort);
    }

    Path jar() {
        return jar;
    }

    public Path logFile() {
        return logFile;
    }

    /** The environment the process runs with (its database's credentials among them). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The operating system's id of the running process, for reading its memory and CPU time from {@code /proc}. */
    public synchronized long pid() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /**
     * How long the last start took, from launching the process to the first 200 of its readiness probe (polled every
     * {@value #READY_POLL_MILLIS} ms), or {@code null} when it has not been seen ready since it was last started.
     */
    public Duration startupTime() {
        return startupTime;
    }

    /** Starts the process (from its AOT cache when it has a current one); its output goes to {@link #logFile()}. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        requireJar();
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        List<String> launch = aotCache.launchArguments();
        startedFromAotCache = launch.stream().anyMatch(argument -> argument.startsWith("-XX:AOTCache="));
        command.addAll(launch);
        launch(command);
    }

    /** Whether its last start mapped an AOT cache (JDK 25 and later, once the stack has trained one for this jar). */
    public boolean startedFromAotCache() {
        return startedFromAotCache;
    }

    /** Whether a current AOT cache of its jar exists, for its next start. */
    boolean hasAotCache() {
        return aotCache.isCurrent();
    }

    /**
     * Trains the AOT cache of its jar with its environment unless the cache is current (waiting for another stack that
     * trains it); the output goes to {@code <name>-aot-training.log} beside its log.
     */
    void trainAotCache() throws IOException, InterruptedException {
        requireJar();
        aotCache.train(javaCommand(), environment, logFile.resolveSibling(name + "-aot-training.log"));
    }

    private void launch(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            startupTime = null;
            startedNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until it reports ready: for a service, {@code /actuator/health/readiness} on its management port. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(managementUri().resolve(readinessPath))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    if (startupTime == null) {
                        startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
                    }
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens only once the context has started
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause(Duration.ofMillis(READY_POLL_MILLIS));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + logFile);
    }

    /** Asks the service to shut down gracefully (SIGTERM) and waits for it; kills it after {@code timeout}. */
    public synchronized void stop(Duration timeout) {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Ends the process at once (SIGKILL), as a crash would: no shutdown hooks, no draining. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireJar() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -DskipTests package");
        }
    }

    // The JDK this stack runs on: the AOT cache is made and used by the same one.
    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    // The stack's own polling loop; nothing to wait on but time while a process boots.
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
