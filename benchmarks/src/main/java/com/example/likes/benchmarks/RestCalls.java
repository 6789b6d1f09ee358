package com.example.likes.benchmarks;

import com.example.likes.benchmarks.http.Http1Connection;
import com.example.likes.benchmarks.http.Http1Request;
import com.example.likes.benchmarks.load.Session;
import com.example.likes.benchmarks.load.Target;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST calls of the scenarios over {@link Http1Connection}s: one keep-alive connection per worker (HTTP/1.1 has
 * one request in flight per connection), opened again when the server closes it (Tomcat does after 100 requests).
 */
final class RestCalls {

    static final String HOST = "127.0.0.1";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private RestCalls() {}

    /** {@code GET /api/users/{id}} on the dashboard, for each of {@code users} in turn. */
    static Target getUser(int port, List<String> users) {
        List<byte[]> requests = users.stream()
                .map(id -> Http1Request.get(HOST, port, "/api/users/" + id))
                .toList();
        return expecting(port, 200, n -> requests.get((int) (n % requests.size())));
    }

    /**
     * {@code POST /api/products/{id}/like} on product-service, each time with a (product, user) pair not used before:
     * pair {@code i} is product {@code i % products} and user {@code i / products}, so that consecutive likes go to
     * different products.
     */
    static Target like(int port, TestData data, AtomicLong pairs) {
        long available = (long) data.products().size() * data.users().size();
        return expecting(port, 200, n -> {
            long pair = pairs.getAndIncrement();
            if (pair >= available) {
                throw new IllegalStateException("all " + available + " distinct (product, user) pairs are used");
            }
            String product = data.products().get((int) (pair % data.products().size()));
            String user = data.users().get((int) (pair / data.products().size()));
            return Http1Request.post(HOST, port, "/api/products/" + product + "/like", "{\"userId\":\"" + user + "\"}");
        });
    }

    /**
     * {@code POST /api/products} on the dashboard; each created product is handed to {@code probes}, which measure
     * when product-service has it without holding the create's slot.
     */
    static Target createProduct(int dashboardPort, ReplicationProbes probes) {
        byte[] create = Http1Request.post(HOST, dashboardPort, "/api/products", "{\"title\":\"Replication probe\"}");
        return () -> new Session() {
            private Http1Connection dashboard = Http1Connection.open(HOST, dashboardPort);

            @Override
            public void call(long sequence) throws Exception {
                dashboard = reopened(dashboard, dashboardPort);
                Http1Connection.HttpResponse created = dashboard.exchange(create);
                if (created.status() != 201) {
                    throw new IOException("create: " + created.status() + " " + created.text());
                }
                probes.created(sequence, idOf(created.text()), System.nanoTime());
            }

            @Override
            public void close() {
                closeQuietly(dashboard);
            }
        };
    }

    /** The id in a JSON object ({@code "id":"..."}). */
    static String idOf(String json) {
        Matcher id = ID.matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return id.group(1);
    }

    private static Target expecting(int port, int status, LongFunction<byte[]> request) {
        return Target.blockingInSocketReads(() -> new Session() {
            private Http1Connection connection = Http1Connection.open(HOST, port);

            @Override
            public void call(long sequence) throws Exception {
                connection = reopened(connection, port);
                Http1Connection.HttpResponse response = connection.exchange(request.apply(sequence));
                if (response.status() != status) {
                    throw new IOException(response.status() + " " + response.text());
                }
            }

            @Override
            public void close() {
                closeQuietly(connection);
            }
        });
    }

    private static Http1Connection reopened(Http1Connection connection, int port) throws IOException {
        if (connection.isOpen()) {
            return connection;
        }
        connection.close();
        return Http1Connection.open(HOST, port);
    }

    static void closeQuietly(Http1Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing a socket that is gone already
            }
        }
    }
}
