package com.example.likes.benchmarks;

import com.example.likes.benchmarks.http.Http1Connection;
import com.example.likes.benchmarks.http.Http1Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The users and products the loads work on, created through the dashboard's REST API before any load, and the
 * products awaited on product-service (a like of a product that has not arrived there yet would be a 404).
 */
record TestData(List<String> users, List<String> products) {

    private static final int PARALLEL = 4;

    static TestData create(int dashboardPort, int productPort, int users, int products) {
        List<String> userIds = createAll(
                users, () -> Http1Request.post(RestCalls.HOST, dashboardPort, "/api/users", "{}"), dashboardPort);
        List<String> productIds = createAll(
                products,
                () -> Http1Request.post(
                        RestCalls.HOST, dashboardPort, "/api/products", "{\"title\":\"Benchmark product\"}"),
                dashboardPort);
        awaitReplicated(productPort, productIds);
        return new TestData(userIds, productIds);
    }

    private static List<String> createAll(int count, Supplier<byte[]> request, int port) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < PARALLEL; w++) {
                int share = count / PARALLEL + (w < count % PARALLEL ? 1 : 0);
                done.add(workers.submit(() -> {
                    Http1Connection connection = Http1Connection.open(RestCalls.HOST, port);
                    try {
                        for (int i = 0; i < share; i++) {
                            if (!connection.isOpen()) {
                                connection.close();
                                connection = Http1Connection.open(RestCalls.HOST, port);
                            }
                            Http1Connection.HttpResponse created = connection.exchange(request.get());
                            if (created.status() != 201) {
                                throw new IllegalStateException("create: " + created.status() + " " + created.text());
                            }
                            ids.add(RestCalls.idOf(created.text()));
                        }
                    } finally {
                        connection.close();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test data", e);
        }
        return List.copyOf(ids);
    }

    private static void awaitReplicated(int productPort, List<String> productIds) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try {
            Http1Connection connection = Http1Connection.open(RestCalls.HOST, productPort);
            for (String id : productIds) {
                byte[] read = Http1Request.get(RestCalls.HOST, productPort, "/api/products/" + id);
                while (true) {
                    if (!connection.isOpen()) {
                        connection = Http1Connection.open(RestCalls.HOST, productPort);
                    }
                    if (connection.exchange(read).status() == 200) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("product " + id + " did not reach product-service in 60 s");
                    }
                    Thread.sleep(20);
                }
            }
            connection.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
