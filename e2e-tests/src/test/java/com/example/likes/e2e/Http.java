package com.example.likes.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP/1.1 client for the tests: sends exactly the bytes given and returns status, headers and body. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final Supplier<String> authorization;

    Http(URI base) {
        this(base, null);
    }

    private Http(URI base, Supplier<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** A client of a management port that presents the operator's key (HTTP Basic as {@code operator}). */
    static Http asOperator(URI managementBase, String operatorKey) {
        String credentials =
                Base64.getEncoder().encodeToString(("operator:" + operatorKey).getBytes(StandardCharsets.UTF_8));
        return new Http(managementBase, () -> "Basic " + credentials);
    }

    /**
     * The same server, every request with {@code Authorization: Bearer} and the token {@code token} gives then (a
     * {@link com.example.likes.localstack.DevTokens} method, which renews it before it expires).
     */
    Http withToken(Supplier<String> token) {
        return new Http(base, () -> "Bearer " + token.get());
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    /** A POST with extra request headers ({@code X-Request-Id}, {@code traceparent} ...). */
    Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request =
                request(path).POST(BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request);
    }

    Response put(String path, String json) {
        return send(request(path).PUT(BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    Response patch(String path, String json) {
        return send(request(path)
                .method("PATCH", BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? request : request.header("Authorization", authorization.get());
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the server answered. */
    record Response(HttpResponse<String> raw) {

        int status() {
            return raw.statusCode();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The body parsed as JSON (problem details included). */
        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
