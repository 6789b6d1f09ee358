package com.example.likes.benchmarks.clients;

import com.example.likes.benchmarks.load.Outcome;
import com.example.likes.benchmarks.load.Target;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST requests of the scenarios, each a {@link Target}. */
public final class RestCalls {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private RestCalls() {}

    /** {@code GET /api/users/{id}} on the dashboard as the editor ({@code token}), each of {@code users} in turn. */
    public static Target getUser(Http dashboard, String token, List<String> users) {
        return sequence -> outcome(dashboard.get("/api/users/" + users.get((int) (sequence % users.size())), token));
    }

    /**
     * {@code POST /api/products/{id}/like} on product-service, each with a (product, user) pair not used before:
     * pair {@code i} is product {@code i % products} and user {@code i / products}, so that consecutive likes go to
     * different products. Each like is sent with its user's token: the user is the token's, never a field.
     */
    public static Target like(Http product, TestData data, AtomicLong pairs) {
        long available = (long) data.products().size() * data.users().size();
        return sequence -> {
            long pair = pairs.getAndIncrement();
            if (pair >= available) {
                throw new IllegalStateException("all " + available + " (product, user) pairs are used");
            }
            String productId = data.products().get((int) (pair % data.products().size()));
            String userToken =
                    data.userTokens().get((int) (pair / data.products().size()));
            return outcome(product.post("/api/products/" + productId + "/like", null, userToken));
        };
    }

    /** {@code GET /api/products?size=100} on product-service: the longest page of the public list. */
    public static CompletableFuture<Outcome> listProducts(Http product) {
        return outcome(product.get("/api/products?size=100", null));
    }

    /** {@code POST /api/products} on the dashboard as the editor; each product created is handed to {@code probes}. */
    public static Target createProduct(Http dashboard, String token, ReplicationProbes probes) {
        return sequence -> dashboard
                .post("/api/products", "{\"title\":\"Replication probe\"}", token)
                .thenApply(response -> {
                    Outcome outcome = Outcome.ofHttp(response.status(), response.retryAfter());
                    if (outcome == Outcome.ANSWERED) {
                        probes.created(sequence, idOf(response.body()), System.nanoTime());
                    }
                    return checked(outcome, response);
                });
    }

    /** The id in a JSON object ({@code "id":"..."}). */
    public static String idOf(String json) {
        Matcher id = ID.matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return id.group(1);
    }

    private static CompletableFuture<Outcome> outcome(CompletableFuture<Http.Response> response) {
        return response.thenApply(r -> checked(Outcome.ofHttp(r.status(), r.retryAfter()), r));
    }

    private static Outcome checked(Outcome outcome, Http.Response response) {
        if (outcome == Outcome.ERROR) {
            String body = response.body();
            throw new CompletionException(new IOException(
                    "HTTP " + response.status() + " " + body.substring(0, Math.min(200, body.length()))));
        }
        return outcome;
    }
}
