package com.example.likes.benchmarks.bare;

import com.example.likes.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link BareUserServer} as its own process, with the services' JVM options, this JVM's classpath and a log file. */
public final class BareServerProcess implements AutoCloseable {

    private final Process process;

    private BareServerProcess(Process process) {
        this.process = process;
        // A benchmark stopped with Ctrl-C never reaches close(): the server must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    /** Starts the server on {@code port} against the database at {@code jdbcUrl}; returns once it listens. */
    public static BareServerProcess start(int port, String jdbcUrl, String user, String password, Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(LocalStack.SERVICE_JVM_OPTIONS);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), BareUserServer.class.getName(), Integer.toString(port)));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BARE_DB_URL", jdbcUrl);
        builder.environment().put("BARE_DB_USER", user);
        builder.environment().put("BARE_DB_PASSWORD", password);
        try {
            BareServerProcess server = new BareServerProcess(builder.start());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && server.process.isAlive()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return server;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            server.close();
            throw new IllegalStateException("the bare gRPC server did not listen within 60 s; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bare gRPC server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
