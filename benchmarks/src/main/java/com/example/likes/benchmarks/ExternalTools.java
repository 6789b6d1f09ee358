package com.example.likes.benchmarks;

import com.example.likes.protos.dashboard.v1.GetUserRequest;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** h2load (nghttp2-client) and wrk as Debian ships them: the generator's figures checked against tools not ours. */
final class ExternalTools {

    private ExternalTools() {}

    static boolean installed(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, tool)));
    }

    /** GetUser of {@code user} with h2load, {@code streams} streams on one connection; requests per second. */
    static double h2load(int port, String apiKey, String user, int streams, Duration duration)
            throws IOException, InterruptedException {
        Path body = Files.createTempFile("get-user", ".grpc");
        try {
            Files.write(
                    body,
                    grpcFrame(GetUserRequest.newBuilder().setId(user).build().toByteArray()));
            List<String> command = new ArrayList<>(List.of(("h2load -c 1 -t 1 -m " + streams + " -D "
                            + duration.toSeconds() + "s -d " + body + " http://127.0.0.1:" + port
                            + "/dashboard.v1.UserService/GetUser")
                    .split(" ")));
            for (String header : List.of(
                    "content-type: application/grpc", "te: trailers", "grpc-timeout: 10S", "x-api-key: " + apiKey)) {
                command.addAll(List.of("-H", header));
            }
            return number(run(command, duration), "finished in [^,]+, ([0-9.]+) req/s");
        } finally {
            Files.deleteIfExists(body);
        }
    }

    /** {@code GET path} with wrk, {@code connections} keep-alive connections on two threads; requests per second. */
    static double wrk(int port, String path, String token, int connections, Duration duration)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(("wrk -t 2 -c " + connections + " -d " + duration.toSeconds() + "s").split(" ")));
        command.addAll(List.of("-H", "Authorization: Bearer " + token, "http://127.0.0.1:" + port + path));
        String output = run(command, duration);
        if (output.contains("Non-2xx")) {
            throw new IOException("wrk got responses other than 2xx:\n" + output);
        }
        return number(output, "Requests/sec:\\s+([0-9.]+)");
    }

    /** A gRPC length-prefixed message: not compressed, the big-endian length, the message. */
    static byte[] grpcFrame(byte[] message) {
        return ByteBuffer.allocate(5 + message.length)
                .put((byte) 0)
                .putInt(message.length)
                .put(message)
                .array();
    }

    static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static String run(List<String> command, Duration duration) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.getFirst() + " did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
