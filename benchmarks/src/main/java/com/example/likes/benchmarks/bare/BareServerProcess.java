package com.example.likes.benchmarks.bare;

import com.example.likes.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link BareUserServer} as its own process: this JVM's {@code java} and classpath, the dashboard's heap limit, its
 * output in a log file. Stopped with {@link #close()}.
 */
public final class BareServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    // A benchmark stopped with Ctrl-C or SIGTERM never reaches close(): the server must not outlive it.
    private final Thread stopOnExit;

    private BareServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.stopOnExit = new Thread(process::destroyForcibly, "bare-server-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the server on {@code port} against the dashboard's database and waits until it accepts connections.
     *
     * @param dashboardEnvironment the dashboard's environment, whose database URL and credentials it uses
     */
    public static BareServerProcess start(int port, Map<String, String> dashboardEnvironment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(LocalStack.SERVICE_JVM_OPTIONS);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), BareUserServer.class.getName(), Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("BARE_DB_URL", dashboardEnvironment.get("DASHBOARD_DB_URL"));
        builder.environment().put("BARE_DB_USER", dashboardEnvironment.get("DASHBOARD_DB_USER"));
        builder.environment().put("BARE_DB_PASSWORD", dashboardEnvironment.get("DASHBOARD_DB_PASSWORD"));
        try {
            Files.createDirectories(log.getParent());
            BareServerProcess server = new BareServerProcess(builder.start(), port);
            server.awaitListening(Duration.ofSeconds(60), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bare gRPC server", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    private void awaitListening(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bare gRPC server exited; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("the bare gRPC server did not listen within " + timeout + "; see " + log);
    }

    // Polling a port that opens once the server has started: nothing else to wait on.
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
