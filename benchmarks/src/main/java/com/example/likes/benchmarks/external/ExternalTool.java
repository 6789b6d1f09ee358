package com.example.likes.benchmarks.external;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code h2load} (nghttp2-client) and {@code wrk}, run as they come from Debian, to check the generator's figures
 * against tools that are not ours. Each result is the tool's own throughput and latency summary.
 */
public final class ExternalTool {

    /**
     * What a tool reported.
     *
     * @param command the command line, keys masked
     * @param throughput requests per second
     * @param latency the tool's latency summary, as it prints it
     * @param failed requests the tool counted as failed (non-2xx or errors)
     * @param cpuMillisPerRequest the tool's own CPU time (user + system, its warm-up included) per request it sent
     */
    public record Result(
            String command,
            double throughput,
            String latency,
            long failed,
            double cpuMillisPerRequest,
            String output) {}

    private ExternalTool() {}

    /** Whether {@code tool} is an executable on the {@code PATH}. */
    public static boolean installed(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * gRPC GetUser with h2load: one connection ({@code -c 1}) with {@code streams} concurrent streams, as the generator
     * multiplexes its workers on one channel. The body is the gRPC frame: a zero byte (not compressed), the message's
     * length in four bytes, the message.
     */
    public static Result h2load(
            int port, String path, String apiKey, byte[] message, int streams, Duration warmUp, Duration duration)
            throws IOException, InterruptedException {
        Path body = Files.createTempFile("grpc-request", ".bin");
        try {
            Files.write(body, grpcFrame(message));
            List<String> command = List.of(
                    "h2load",
                    "-c",
                    "1",
                    "-t",
                    "1",
                    "-m",
                    Integer.toString(streams),
                    "--warm-up-time=" + warmUp.toSeconds() + "s",
                    "-D",
                    duration.toSeconds() + "s",
                    "-H",
                    "content-type: application/grpc",
                    "-H",
                    "te: trailers",
                    "-H",
                    "x-api-key: " + apiKey,
                    // the deadline the generator's calls carry: the server arms a timer for it on every call
                    "-H",
                    "grpc-timeout: 10S",
                    "-d",
                    body.toString(),
                    "http://127.0.0.1:" + port + path);
            String output = run(command, duration.plus(warmUp).plusSeconds(30));
            double throughput = firstDouble(output, "finished in [^,]+, ([0-9.]+) req/s");
            return new Result(
                    masked(command, apiKey).replace(body.toString(), "REQUEST.bin"),
                    throughput,
                    line(output, "time for request:"),
                    failedOf(output),
                    cpuMillisOf(output) / (throughput * duration.plus(warmUp).toMillis() / 1000.0),
                    output);
        } finally {
            Files.deleteIfExists(body);
        }
    }

    /** REST GET with wrk: {@code connections} keep-alive connections on {@code threads} threads. */
    public static Result wrk(int port, String path, int connections, int threads, Duration duration)
            throws IOException, InterruptedException {
        List<String> command = List.of(
                "wrk",
                "-t",
                Integer.toString(threads),
                "-c",
                Integer.toString(connections),
                "-d",
                duration.toSeconds() + "s",
                "--latency",
                "http://127.0.0.1:" + port + path);
        String output = run(command, duration.plusSeconds(30));
        Matcher p50 = Pattern.compile("^\\s+50%\\s+(\\S+)", Pattern.MULTILINE).matcher(output);
        Matcher p99 = Pattern.compile("^\\s+99%\\s+(\\S+)", Pattern.MULTILINE).matcher(output);
        String latency = (p50.find() ? "p50 " + p50.group(1) : "") + (p99.find() ? ", p99 " + p99.group(1) : "");
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        double throughput = firstDouble(output, "Requests/sec:\\s+([0-9.]+)");
        return new Result(
                String.join(" ", command),
                throughput,
                latency,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                cpuMillisOf(output) / (throughput * duration.toMillis() / 1000.0),
                output);
    }

    /** A gRPC length-prefixed message: compressed flag 0, big-endian length, the message. */
    public static byte[] grpcFrame(byte[] message) {
        byte[] frame = new byte[5 + message.length];
        frame[1] = (byte) (message.length >>> 24);
        frame[2] = (byte) (message.length >>> 16);
        frame[3] = (byte) (message.length >>> 8);
        frame[4] = (byte) message.length;
        System.arraycopy(message, 0, frame, 5, message.length);
        return frame;
    }

    static double firstDouble(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static long failedOf(String h2loadOutput) {
        Matcher m =
                Pattern.compile("requests: .*?(\\d+) failed, (\\d+) errored").matcher(h2loadOutput);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) : -1;
    }

    private static String line(String output, String prefix) {
        return output.lines()
                .filter(l -> l.trim().startsWith(prefix))
                .map(l -> "min/max/mean/sd "
                        + l.trim().substring(prefix.length()).trim().replaceAll("\\s+", " "))
                .findFirst()
                .orElse("");
    }

    private static String masked(List<String> command, String secret) {
        List<String> shown = new ArrayList<>();
        for (String part : command) {
            shown.add(part.contains(" ") ? "'" + part.replace(secret, "KEY") + "'" : part);
        }
        return String.join(" ", shown);
    }

    /**
     * The CPU time of the tool, from the last line of the shell's {@code times} ({@code 0m1.234s 0m0.567s}: its
     * children's user and system time), or NaN when it is not there.
     */
    static double cpuMillisOf(String output) {
        Matcher m = Pattern.compile("^(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s\\s*\\z", Pattern.MULTILINE)
                .matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        return (Long.parseLong(m.group(1)) * 60
                        + Double.parseDouble(m.group(2))
                        + Long.parseLong(m.group(3)) * 60
                        + Double.parseDouble(m.group(4)))
                * 1000;
    }

    // Run by a shell whose `times` then prints the CPU the tool used, as /proc forgets a process once it exited.
    private static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        List<String> shell = new ArrayList<>(List.of("bash", "-c", "\"$@\"; status=$?; times; exit $status", "tool"));
        shell.addAll(command);
        Process process = new ProcessBuilder(shell).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.getFirst() + " did not finish within " + timeout);
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
