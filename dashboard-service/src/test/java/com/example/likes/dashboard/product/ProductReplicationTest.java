package com.example.likes.dashboard.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.dashboard.FakeProductService;
import com.example.likes.dashboard.FakeProductService.Received;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Every committed product change reaches product-service (here its fake, {@link FakeProductService}). */
class ProductReplicationTest extends DashboardIntegrationTest {

    @Test
    void createUpdateAndDeleteArriveWithGrowingVersions() {
        ProductResponse product = create("{\"title\": \"Lamp\", \"image\": \"https://example.com/lamp.png\"}");
        patch(product.id(), "{\"title\": \"Desk lamp\"}");
        editor().delete()
                .uri("/api/products/{id}", product.id())
                .exchange()
                .expectStatus()
                .isNoContent();

        List<Received> received = awaitReceived(product.id(), 3);

        assertThat(received)
                .extracting(Received::change, Received::title, Received::version)
                .containsExactlyInAnyOrder(
                        tuple("create", "Lamp", 0L), tuple("update", "Desk lamp", 1L), tuple("delete", "", 2L));
    }

    @Test
    void everyChangeIsSentWithTheDashboardsApiKey() {
        ProductResponse product = create("{\"title\": \"Lamp\"}");
        patch(product.id(), "{\"title\": \"Desk lamp\"}");

        // The fake records only calls that present FakeProductService.API_KEY, and refuses the others.
        assertThat(awaitReceived(product.id(), 2)).hasSize(2);
        assertThat(productService.refusedCalls()).isZero();
    }

    @Test
    void anEditThatChangesNothingKeepsTheVersion() {
        ProductResponse product =
                create("{\"title\": \"Lamp\", \"image\": \"https://example.com/lamp.png\", \"likes\": 2}");

        editor().put()
                .uri("/api/products/{id}", product.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"Lamp\", \"image\": \"https://example.com/lamp.png\"}")
                .exchange()
                .expectStatus()
                .isOk();
        patch(product.id(), "{\"title\": \"Desk lamp\"}");

        assertThat(awaitReceived(product.id(), 2))
                .extracting(Received::change, Received::version)
                .containsExactlyInAnyOrder(tuple("create", 0L), tuple("update", 1L));
    }

    @Test
    void everyCallCarriesTheConfiguredDeadline() {
        ProductResponse product = create("{\"title\": \"Lamp\"}");

        assertThat(awaitReceived(product.id(), 1).getFirst().deadlineMillis())
                .isNotNull()
                .isPositive()
                .isLessThanOrEqualTo(2_000L);
    }

    @Test
    void aChangeReachesProductServiceRightAfterItsCommitWithoutWaitingForThePoll() {
        ProductResponse product = create("{\"title\": \"Lamp\"}");

        // The poll would pick the event up only once its 10 s lease has passed.
        await().atMost(Duration.ofSeconds(2))
                .until(() -> productService.replicaOf(product.id().toString()) != null);
    }

    @Test
    void changesMadeWhileProductServiceIsDownArriveOnceItIsBack() {
        productService.failWith(Status.UNAVAILABLE.withDescription("down for maintenance"));

        ProductResponse product = create("{\"title\": \"Lamp\"}");
        patch(product.id(), "{\"title\": \"Desk lamp\"}");
        editor().delete()
                .uri("/api/products/{id}", product.id())
                .exchange()
                .expectStatus()
                .isNoContent();
        // The user saw only successes; product-service refused each change at least once.
        awaitReceived(product.id(), 3);
        assertThat(productService.replicaOf(product.id().toString())).isNull();

        productService.recover();

        await().untilAsserted(
                        () -> assertThat(productService.replicaOf(product.id().toString()))
                                .isEqualTo(new FakeProductService.Replica(2, true)));
        await().until(() ->
                jdbc.sql("select count(*) from outbox_event").query(Long.class).single() == 0);
    }

    @Test
    void invalidInputSendsNothing() {
        ProductResponse product = create("{\"title\": \"Lamp\"}");

        editor().patch()
                .uri("/api/products/{id}", product.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"\"}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        editor().delete()
                .uri("/api/products/{id}", product.id())
                .exchange()
                .expectStatus()
                .isNoContent();

        // The delete follows the rejected edit, and carries version 1: no edit happened in between.
        assertThat(awaitReceived(product.id(), 2))
                .extracting(Received::change, Received::version)
                .containsExactlyInAnyOrder(tuple("create", 0L), tuple("delete", 1L));
    }

    private List<Received> awaitReceived(UUID product, int count) {
        return await().until(
                        () -> productService.receivedFor(product.toString()), received -> received.size() >= count);
    }

    private ProductResponse create(String body) {
        return editor().post()
                .uri("/api/products")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(ProductResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private void patch(UUID id, String body) {
        editor().patch()
                .uri("/api/products/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isOk();
    }
}
