package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every product change committed on the dashboard reaches product-service. */
class ReplicationIT {

    private static final Duration REPLICATION = Duration.ofSeconds(10);

    private final SystemUnderTest system = SystemUnderTest.get();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private final Http dashboardOps =
            Http.asOperator(system.dashboardManagement(), system.grpcKeys().operator());

    @Test
    void createPutPatchAndDeleteOnTheDashboardAreVisibleOnProductService() {
        String id = dashboard
                .post("/api/products", "{\"title\": \"Desk lamp\", \"image\": \"https://example.com/lamp.png\"}")
                .json()
                .get("id")
                .asString();
        awaitReplica(id, "Desk lamp", "https://example.com/lamp.png");

        assertThat(dashboard
                        .put(
                                "/api/products/" + id,
                                "{\"title\": \"Desk lamp XL\", \"image\": \"https://example.com/lamp-xl.png\"}")
                        .status())
                .isEqualTo(200);
        awaitReplica(id, "Desk lamp XL", "https://example.com/lamp-xl.png");

        assertThat(dashboard
                        .patch("/api/products/" + id, "{\"title\": \"Floor lamp\"}")
                        .status())
                .isEqualTo(200);
        awaitReplica(id, "Floor lamp", "https://example.com/lamp-xl.png");

        assertThat(dashboard.delete("/api/products/" + id).status()).isEqualTo(204);
        await().atMost(REPLICATION)
                .until(() -> product.get("/api/products/" + id).status() == 404);
        assertThat(dashboard.get("/api/products/" + id).status()).isEqualTo(404);
    }

    @Test
    void productServiceListsReplicasInCreationOrder() {
        String first = dashboard
                .post("/api/products", "{\"title\": \"First\"}")
                .json()
                .get("id")
                .asString();
        String second = dashboard
                .post("/api/products", "{\"title\": \"Second\"}")
                .json()
                .get("id")
                .asString();
        awaitReplica(first, "First", "");
        awaitReplica(second, "Second", "");

        JsonNode page = product.get("/api/products?page=0&size=100").json();
        int total = page.get("page").get("totalElements").asInt();
        JsonNode last = product.get("/api/products?size=1&page=" + (total - 1))
                .json()
                .get("content")
                .get(0);
        assertThat(last.get("id").asString()).isEqualTo(second);
        JsonNode beforeLast = product.get("/api/products?size=1&page=" + (total - 2))
                .json()
                .get("content")
                .get(0);
        assertThat(beforeLast.get("id").asString()).isEqualTo(first);
    }

    @Test
    void onTheHappyPathAChangeReachesProductServiceWithinMilliseconds() {
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            String id = dashboard
                    .post("/api/products", "{\"title\": \"Lag %d\"}".formatted(i))
                    .json()
                    .get("id")
                    .asString();
            awaitReplica(id, "Lag " + i, "");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The dashboard's own measure, from each change's commit to product-service's acknowledgement.
        String metrics = dashboardOps.get("/actuator/prometheus").body();
        double median = quantile(metrics, "0.5");
        double p99 = quantile(metrics, "0.99");
        System.out.printf(
                "REPLICATION happy path: 50 creates each awaited on product-service in %d ms; commit-to-delivery lag"
                        + " p50=%.1f ms, p99=%.1f ms%n",
                took.toMillis(), median * 1000, p99 * 1000);
        assertThat(median).isLessThan(0.1);
    }

    private static double quantile(String prometheus, String quantile) {
        return prometheus
                .lines()
                .filter(line ->
                        line.startsWith("replication_lag_seconds{") && line.contains("quantile=\"" + quantile + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lag quantile " + quantile + " on /actuator/prometheus"));
    }

    private void awaitReplica(String id, String title, String image) {
        await().atMost(REPLICATION).untilAsserted(() -> {
            Http.Response replica = product.get("/api/products/" + id);
            assertThat(replica.status()).isEqualTo(200);
            assertThat(replica.json().get("title").asString()).isEqualTo(title);
            assertThat(replica.json().get("image").asString()).isEqualTo(image);
        });
    }
}
