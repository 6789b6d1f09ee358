package com.example.likes.dashboard.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.dashboard.product.ProductEvent;
import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Reconciliation compares the dashboard with product-service's replica and repairs the drift. */
class ReconciliationTest extends DashboardIntegrationTest {

    @Test
    void whenEveryChangeHasArrivedBothSidesAreInSync() {
        List<String> products = List.of(createdProductId("Lamp"), createdProductId("Desk"), createdProductId("Chair"));
        await().until(() -> products.stream().allMatch(id -> productService.replicaOf(id) != null));

        ReconciliationReport report = reconcile();

        assertThat(report.inSync()).isTrue();
        assertThat(report.dashboardProducts()).isEqualTo(3);
        assertThat(report.replicaProducts()).isEqualTo(3);
        assertThat(report.drift()).isEmpty();
    }

    @Test
    void missingExtraAndStaleProductsAreReported() {
        String missing = createdProductId("Lamp");
        String stale = createdProductId("Desk");
        String kept = createdProductId("Chair");
        String extra = UUID.randomUUID().toString();
        await().until(() ->
                List.of(missing, stale, kept).stream().allMatch(id -> productService.replicaOf(id) != null));
        productService.forget(missing);
        productService.plant(extra, 4);
        rename(stale, "Standing desk");
        await().until(() -> productService.replicaOf(stale).version() == 1);
        productService.plant(stale, 0);

        ReconciliationReport report = reconcile();

        assertThat(report.inSync()).isFalse();
        assertThat(report.missing()).isEqualTo(1);
        assertThat(report.extra()).isEqualTo(1);
        assertThat(report.stale()).isEqualTo(1);
        assertThat(report.drift())
                .extracting(d -> d.productId().toString(), ReconciliationReport.Drift::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(missing, ReconciliationReport.Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple(extra, ReconciliationReport.Kind.EXTRA),
                        org.assertj.core.groups.Tuple.tuple(stale, ReconciliationReport.Kind.STALE));
        assertThat(report.drift()).noneMatch(ReconciliationReport.Drift::changePending);
    }

    @Test
    void aChangeStillInTheOutboxIsFlaggedAsPending() {
        productService.failWith(Status.UNAVAILABLE);
        String product = createdProductId("Lamp");

        ReconciliationReport report = reconcile();

        assertThat(report.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.productId().toString()).isEqualTo(product);
            assertThat(drift.kind()).isEqualTo(ReconciliationReport.Kind.MISSING);
            assertThat(drift.changePending()).isTrue();
        });
    }

    @Test
    void repairSendsEveryDriftedProductAgainUntilBothSidesAgree() {
        String missing = createdProductId("Lamp");
        String extra = UUID.randomUUID().toString();
        await().until(() -> productService.replicaOf(missing) != null);
        productService.forget(missing);
        productService.plant(extra, 4);

        operator()
                .post()
                .uri("/actuator/reconciliation")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.missing")
                .isEqualTo(1)
                .jsonPath("$.extra")
                .isEqualTo(1);

        await().until(() -> reconcile().inSync());
        assertThat(productService.replicaOf(extra).deleted()).isTrue();
        assertThat(productService.replicaOf(extra).version()).isEqualTo(5);
    }

    @Test
    void repairBringsBackAReplicaThatIsAheadOfTheDashboard() {
        String ahead = createdProductId("Lamp");
        await().until(() -> productService.replicaOf(ahead) != null);
        long dashboardVersion = productService.replicaOf(ahead).version();
        productService.plant(ahead, ProductEvent.MAX_VERSION);

        assertThat(reconcile().stale()).isEqualTo(1);
        operator()
                .post()
                .uri("/actuator/reconciliation")
                .exchange()
                .expectStatus()
                .isOk();

        await().until(() -> reconcile().inSync());
        assertThat(productService.replicaOf(ahead).version()).isEqualTo(dashboardVersion);
    }

    @Test
    void repairDeletesAnExtraProductPoisonedWithAVersionBeyondTheRange() {
        String extra = UUID.randomUUID().toString();
        productService.plant(extra, Long.MAX_VALUE);

        operator()
                .post()
                .uri("/actuator/reconciliation")
                .exchange()
                .expectStatus()
                .isOk();

        await().until(() -> productService.replicaOf(extra).deleted());
        assertThat(productService.replicaOf(extra).version()).isEqualTo(ProductEvent.MAX_VERSION);
    }

    private ReconciliationReport reconcile() {
        return operator()
                .get()
                .uri("/actuator/reconciliation")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(ReconciliationReport.class)
                .returnResult()
                .getResponseBody();
    }

    private void rename(String id, String title) {
        editor().patch()
                .uri("/api/products/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"%s\"}".formatted(title))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private record Created(String id) {}
}
