package com.example.likes.benchmarks.clients;

import com.example.likes.localstack.DevTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The users and products the loads work on, created through the dashboard's REST API, and the products awaited on
 * product-service (a like of a product that has not arrived there would be a 404). Each user is a development end
 * user of its own, registered with its token; the products are the editor's.
 *
 * @param users the users' ids
 * @param userTokens each user's token, in the order of {@code users}
 * @param products the products' ids
 * @param editorToken the product editor's token
 */
public record TestData(List<String> users, List<String> userTokens, List<String> products, String editorToken) {

    private static final int AT_ONCE = 8;

    public static TestData create(Http dashboard, Http product, DevTokens tokens, int users, int products) {
        List<String> userTokens = IntStream.range(0, users)
                .mapToObj(i -> tokens.user("benchmark-" + i))
                .toList();
        Iterator<String> registering = userTokens.iterator();
        List<String> userIds = createAll(users, () -> dashboard.post("/api/users", null, registering.next()));
        String editor = tokens.editor();
        List<String> productIds =
                createAll(products, () -> dashboard.post("/api/products", "{\"title\":\"Benchmark product\"}", editor));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String id : productIds) {
            while (product.get("/api/products/" + id, null).join().status() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("product " + id + " did not reach product-service in 60 s");
                }
                Thread.onSpinWait();
            }
        }
        return new TestData(userIds, userTokens, productIds, editor);
    }

    private static List<String> createAll(int count, Supplier<CompletableFuture<Http.Response>> create) {
        List<String> ids = new ArrayList<>();
        for (int first = 0; first < count; first += AT_ONCE) {
            List<CompletableFuture<Http.Response>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(count, first + AT_ONCE); i++) {
                batch.add(create.get());
            }
            for (CompletableFuture<Http.Response> created : batch) {
                Http.Response response = created.join();
                // 200: the user registered in an earlier run of the same stack.
                if (response.status() != 201 && response.status() != 200) {
                    throw new IllegalStateException("create: " + response.status() + " " + response.body());
                }
                ids.add(RestCalls.idOf(response.body()));
            }
        }
        return List.copyOf(ids);
    }
}
