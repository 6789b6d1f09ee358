package com.example.likes.localstack;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a service jar from a JDK ahead-of-time cache (JEP 483 and 514): the classes the service loads and links
 * while it starts, read from one mapped file instead of from some 170 jars. A service is ready in about half the time.
 *
 * <p>The cache belongs to one build of one jar on one JDK. It is made once, next to the jar
 * ({@code target/aot/}). The local stack makes it by a training run of both services on their own requests
 * ({@link AotTraining}): then it also carries the classes and the method profiles (JEP 515) of the request paths, so
 * that the JIT compiles them from the first requests on. Without that run (a single service prepared alone), a
 * training run of the extracted jar that stops right after the application context is refreshed and needs no
 * database (the {@code aot-training} profile of service-platform); the Dockerfile makes the images' that way. The JDK offers no cache before 25 ({@code -XX:AOTCacheOutput}): there the service runs
 * from its jar without one. Written by hand because Spring Boot documents the steps but ships no launcher for them;
 * see decision 11.
 */
final class AotCache {

    private static final String TRAINING_PROFILE = "aot-training";
    /** What the stamp says of a cache trained on requests, against one trained on a start alone. */
    private static final String WORKLOAD = "workload";

    private static final String START = "start";
    private static final int FIRST_JDK_WITH_ONE_STEP_TRAINING = 25;
    // Two cores that other builds keep busy took over 180 s for a training run.
    private static final long TRAINING_TIMEOUT_SECONDS = 360;

    private final Path jar;
    private final List<String> jvmOptions;
    private final Path directory;
    // The jar's size and time when its cache was last found current: a restart of the same jar skips hashing it.
    private String checkedJar = "";

    /**
     * The cache of {@code jar}, kept in {@code aot/} beside it.
     *
     * @param jvmOptions the options the training runs with: those of the service's own starts that shape what is
     *     cached (heap size, garbage collector), none that records or debugs
     */
    AotCache(Path jar, List<String> jvmOptions) {
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.directory = jar.resolveSibling("aot");
    }

    /** Whether this JDK can make and use the cache. */
    static boolean supported() {
        return Runtime.version().feature() >= FIRST_JDK_WITH_ONE_STEP_TRAINING;
    }

    /**
     * What follows the JVM options on the command line that starts the service: the cache and the extracted jar
     * when this JDK supports the cache, the jar itself otherwise. Makes the cache first when it is missing or was
     * made from another build of the jar, by another JDK or with other options; its output goes to {@code log}.
     */
    List<String> launchArguments(String javaCommand, Path log) {
        if (!supported()) {
            return List.of("-jar", jar.toString());
        }
        try {
            Files.createDirectories(directory);
            // One training at a time per jar, also across processes (two test stacks starting at once).
            String jarNow =
                    Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            synchronized (this) {
                if (!jarNow.equals(checkedJar)) {
                    try (FileChannel channel = FileChannel.open(
                                    directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                            FileLock ignored = channel.lock()) {
                        if (!isCurrent(START) && !isCurrent(WORKLOAD)) {
                            make(javaCommand, log);
                        }
                    }
                    checkedJar = jarNow;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the AOT cache of " + jar, e);
        }
        return List.of("-XX:AOTCache=" + cacheFile(), "-jar", extractedJar().toString());
    }

    /** The cache was made from this very jar by this very JDK with these very options, by this kind of training. */
    private boolean isCurrent(String training) throws IOException {
        Path stamp = stampFile();
        return Files.isRegularFile(cacheFile())
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(stamp(training));
    }

    /** Whether the cache is current and was trained on the service's requests. */
    boolean trainedOnRequests() {
        try {
            return isCurrent(WORKLOAD);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the AOT cache's stamp in " + directory, e);
        }
    }

    /**
     * Holds this cache's lock, across processes, until closed: one training of a jar at a time (two test stacks
     * starting at once).
     */
    Closeable lock() throws IOException {
        Files.createDirectories(directory);
        FileChannel channel =
                FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
            // Closing the channel releases its lock.
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Starts a training run on requests: the old cache removed, the jar extracted afresh, and what follows the JVM
     * options on the training process's command line: its options, where it writes its cache as it exits, the jar.
     */
    List<String> trainingArguments(String javaCommand, Path log) throws IOException {
        clear();
        extract(javaCommand, log);
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of(
                "-XX:AOTCacheOutput=" + partialFile(), "-jar", extractedJar().toString()));
        return arguments;
    }

    /** Takes the cache that a training run on requests wrote as it exited. */
    void installTraining() throws IOException {
        install(WORKLOAD);
    }

    private Path cacheFile() {
        return directory.resolve("app.aot");
    }

    private void extract(String javaCommand, Path log) throws IOException {
        run(
                List.of(
                        javaCommand,
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        directory.resolve("app").toString()),
                log);
    }

    private Path partialFile() {
        return directory.resolve("app.aot.partial");
    }

    private void install(String training) throws IOException {
        Path partial = partialFile();
        if (!Files.isRegularFile(partial)) {
            throw new IllegalStateException("the training run of " + jar + " made no AOT cache");
        }
        Files.move(partial, cacheFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(stampFile(), stamp(training));
    }

    private void make(String javaCommand, Path log) throws IOException {
        clear();
        extract(javaCommand, log);
        Path partial = partialFile();
        List<String> training = new ArrayList<>();
        training.add(javaCommand);
        training.addAll(jvmOptions);
        training.addAll(List.of(
                "-XX:AOTCacheOutput=" + partial,
                "-Dspring.context.exit=onRefresh",
                "-Dspring.profiles.active=" + TRAINING_PROFILE,
                // Over a PLATFORM_GRPC_TLS_ENABLED this process inherits: the training has no certificates.
                "-Dplatform.grpc.tls.enabled=false",
                "-jar",
                extractedJar().toString()));
        run(training, log);
        if (!Files.isRegularFile(partial)) {
            throw new IllegalStateException("the training run of " + jar + " made no AOT cache; see " + log);
        }
        install(START);
    }

    private void clear() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(directory))
                    .toList()) {
                if (!file.getFileName().toString().equals(".lock")) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command) + "; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "exit code " + process.exitValue() + ": " + String.join(" ", command) + "; see " + log);
        }
    }

    private Path extractedJar() {
        return directory.resolve("app").resolve(jar.getFileName());
    }

    private Path stampFile() {
        return directory.resolve("stamp");
    }

    // What the cache was made from: the jar's content (builds are reproducible, so a rebuild of the same sources
    // keeps the cache), the JDK's exact version, the training's options and what it ran.
    private String stamp(String training) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest()) + " " + Runtime.version() + " " + String.join(" ", jvmOptions)
                + " trained on " + training;
    }
}
