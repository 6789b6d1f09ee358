package com.example.likes.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A service's JDK ahead-of-time cache (JEP 483, 514, 515), made as Spring Boot documents it: the jar extracted, and a
 * training run that refreshes the application context and exits before it serves
 * ({@code -Dspring.context.exit=onRefresh}), writing the classes it loaded and linked, and the profiles of the
 * methods it ran, to one file that every later start maps. A start from the cache is ready in about half the time.
 *
 * <p>A cache belongs to one build of one jar, one JDK and one set of JVM options: it lives beside the jar in
 * {@code target/aot/<key>/}, the key made from all three, so that a rebuilt jar never meets an old cache. Nothing
 * waits for a training: a start without a current cache runs from the jar, and the local stack trains the cache
 * afterwards, in the background, for the next start. Before JDK 25 ({@code -XX:AOTCacheOutput}) every start runs from
 * the jar. Written by hand because Spring Boot documents the steps but ships no launcher for them (decision 37).
 */
final class AotCache {

    private static final int FIRST_JDK_WITH_ONE_STEP_TRAINING = 25;
    // The JVM writes the cache as the training run exits. A training runs at the lowest priority, so it waits for
    // whatever else keeps the cores busy (the services' own load, a test suite): two busy cores took over six minutes.
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(15);
    private static final Path NICE = Path.of("/usr/bin/nice");
    // A file lock keeps out other processes only; two stacks in one process take turns here first.
    private static final Map<Path, ReentrantLock> TRAINING = new ConcurrentHashMap<>();

    private final Path jar;
    private final List<String> jvmOptions;
    private final Path directory;
    // The jar's size and time when its key was last computed: a restart of the same jar skips hashing it.
    private String checkedJar = "";
    private String key;

    /**
     * The cache of {@code jar}, kept in {@code aot/} beside it.
     *
     * @param jvmOptions the options the cache is made for: those of the service's starts that shape what is cached
     *     (heap size, garbage collector), none that records or debugs
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
     * What follows the JVM options on the command line that starts the service: the cache and the extracted jar when
     * a current cache exists, the jar itself otherwise.
     */
    List<String> launchArguments() {
        return isCurrent()
                ? List.of("-XX:AOTCache=" + cacheFile(), "-jar", extractedJar().toString())
                : List.of("-jar", jar.toString());
    }

    /** Whether this JDK supports the cache and one was made from this very jar, JDK and options. */
    boolean isCurrent() {
        return supported() && Files.isRegularFile(cacheFile());
    }

    /**
     * Makes the cache unless it is current: extracts the jar and runs the training with {@code environment} (the
     * service's own, so that it loads what its start loads), output to {@code log}. At a lower scheduling priority
     * where the system has {@code nice}, so that running services come first. Waits while another stack, in this
     * process or another, trains the same jar.
     *
     * @throws InterruptedException when interrupted; the training process is ended first
     */
    void train(String javaCommand, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        if (!supported()) {
            return;
        }
        Files.createDirectories(directory);
        ReentrantLock inThisProcess = TRAINING.computeIfAbsent(directory.toAbsolutePath(), path -> new ReentrantLock());
        inThisProcess.lockInterruptibly();
        try (FileChannel channel = FileChannel.open(
                        directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock acrossProcesses = channel.lock()) {
            if (isCurrent()) {
                return;
            }
            Path keyed = cacheFile().getParent();
            clear();
            run(
                    List.of(
                            javaCommand,
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            extractedJar().getParent().toString()),
                    Map.of(),
                    log);
            Path partial = keyed.resolve("app.aot.partial");
            List<String> training = new ArrayList<>();
            if (Files.isExecutable(NICE)) {
                training.addAll(List.of(NICE.toString(), "-n", "10"));
            }
            training.add(javaCommand);
            training.addAll(jvmOptions);
            training.addAll(List.of(
                    "-XX:AOTCacheOutput=" + partial,
                    "-Dspring.context.exit=onRefresh",
                    "-jar",
                    extractedJar().toString()));
            run(training, environment, log);
            if (!Files.isRegularFile(partial)) {
                throw new IllegalStateException("the training run of " + jar + " made no AOT cache; see " + log);
            }
            Files.move(partial, cacheFile(), StandardCopyOption.ATOMIC_MOVE);
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("interrupted while waiting for another training of " + jar);
        } finally {
            inThisProcess.unlock();
        }
    }

    private Path cacheFile() {
        return directory.resolve(key()).resolve("app.aot");
    }

    private Path extractedJar() {
        return directory.resolve(key()).resolve("app").resolve(jar.getFileName());
    }

    // Every cache made before (of earlier builds, or a training cut short). A process still running from one keeps
    // the files it has open.
    private void clear() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(directory) && !file.getFileName().toString().equals(".lock")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out: " + String.join(" ", command) + "; see " + log);
            }
        } finally {
            // The JVM writes the cache from a child process of its own: ended too when the training is cut short.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "exit code " + process.exitValue() + ": " + String.join(" ", command) + "; see " + log);
        }
    }

    // The jar's content (builds are reproducible, so a rebuild of the same sources keeps the cache), the JDK's exact
    // version and the options.
    private synchronized String key() {
        try {
            String jarNow =
                    Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            if (!jarNow.equals(checkedJar)) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha256)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                sha256.update((Runtime.version() + " " + String.join(" ", jvmOptions)).getBytes());
                key = HexFormat.of().formatHex(sha256.digest(), 0, 12);
                checkedJar = jarNow;
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
