package com.example.likes.dashboard.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.dashboard.FakeProductService.Replica;
import com.example.likes.dashboard.product.ProductEvent;
import com.example.likes.dashboard.system.ProtoTimestamps;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductState;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replication through the transactional outbox: what is recorded when, how the sender retries and parks, what
 * operators see and do.
 */
class ReplicationTest extends DashboardIntegrationTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ReplicationRepository repository;

    @Nested
    class Recording {

        @Test
        void aChangeAndItsEventCommitTogetherOrNotAtAll() {
            ProductEvent change = new ProductEvent.Deleted(UUID.randomUUID(), 3);

            transactions.executeWithoutResult(tx -> {
                events.publishEvent(change);
                tx.setRollbackOnly();
            });

            assertThat(outboxRows()).isZero();
            assertThat(productService.receivedFor(change.productId().toString()))
                    .isEmpty();
        }

        @Test
        void aChangePublishedOutsideATransactionIsRefused() {
            assertThatThrownBy(() -> events.publishEvent(new ProductEvent.Deleted(UUID.randomUUID(), 1)))
                    .isInstanceOf(IllegalTransactionStateException.class);
            assertThat(outboxRows()).isZero();
        }

        @Test
        void aDeliveredEventLeavesTheOutboxTable() {
            String id = createdProductId("Lamp");

            await().until(() -> productService.replicaOf(id) != null);
            await().until(() -> outboxRows() == 0);
        }
    }

    @Nested
    class DeliveringABacklog {

        @Test
        void aBacklogTravelsInBatchesAndEveryEventArrives() {
            List<UUID> products = givenABacklogOf(30);

            await().until(() -> outboxRows() == 0);

            assertThat(products).allMatch(id -> productService.replicaOf(id.toString()) != null);
            assertThat(productService.largestBatch()).isEqualTo(30);
        }

        @Test
        void aBacklogOfLargeChangesIsSplitIntoCallsThatFitProductServicesMessageLimit() {
            List<UUID> products = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                UUID product = UUID.randomUUID();
                // 200 three-byte characters: about 650 bytes a change, 65 KB for the whole backlog.
                insertEvent(product, 0, "clock_timestamp() + interval '1 hour'", "€".repeat(200));
                products.add(product);
            }
            jdbc.sql("update outbox_event set next_attempt_at = clock_timestamp()")
                    .update();

            await().until(() -> outboxRows() == 0);

            assertThat(products).allMatch(id -> productService.replicaOf(id.toString()) != null);
            assertThat(productService.largestBatch()).isBetween(2, 60);
        }

        @Test
        void aProductServiceThatTakesNoBatchesGetsEachEventInACallOfItsOwn() {
            productService.takeNoBatches();
            List<UUID> products = givenABacklogOf(30);

            await().until(() -> outboxRows() == 0);

            assertThat(products).allMatch(id -> productService.replicaOf(id.toString()) != null);
            assertThat(failedRows()).isZero();
        }

        @Test
        void anEventRefusedInABatchIsParkedAloneAndTheOthersAreDelivered() {
            UUID refused = UUID.randomUUID();
            productService.refuseAsInvalid(refused.toString(), "product.title: must not be blank");
            insertEvent(refused, 0, "clock_timestamp() + interval '1 hour'");
            List<UUID> products = givenABacklogOf(10);

            await().until(() -> outboxRows() == 1 && failedRows() == 1);

            assertThat(products).allMatch(id -> productService.replicaOf(id.toString()) != null);
            assertThat(productService.replicaOf(refused.toString())).isNull();
            assertThat(jdbc.sql("select last_error from outbox_event")
                            .query(String.class)
                            .single())
                    .isEqualTo("INVALID_ARGUMENT: product.title: must not be blank");
        }

        @Test
        void aBatchThatFailsAsAWholeIsRetriedAndNothingIsLost() {
            productService.failWith(Status.UNAVAILABLE.withDescription("down"));
            List<UUID> products = givenABacklogOf(20);

            await().until(() -> productService.largestBatch() == 20);
            assertThat(outboxRows()).isEqualTo(20);
            productService.recover();

            await().until(() -> outboxRows() == 0);
            assertThat(products).allMatch(id -> productService.replicaOf(id.toString()) != null);
        }

        // Events held back (as if their first attempt were running), then all made due at once, so that one poll
        // claims them together.
        private List<UUID> givenABacklogOf(int events) {
            List<UUID> products = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                UUID product = UUID.randomUUID();
                insertEvent(product, 0, "clock_timestamp() + interval '1 hour'");
                products.add(product);
            }
            jdbc.sql("update outbox_event set next_attempt_at = clock_timestamp()")
                    .update();
            return products;
        }
    }

    @Nested
    class Retrying {

        @Test
        void anEventLeftBehindByACrashedSenderIsDeliveredOnceItsLeaseHasEnded() {
            UUID product = UUID.randomUUID();
            // As a sender that died mid-attempt leaves it: claimed once, lease over.
            insertEvent(product, 1, "clock_timestamp() - interval '1 second'");

            await().until(() -> productService.replicaOf(product.toString()) != null);
            await().until(() -> outboxRows() == 0);
        }

        @Test
        void anEventWhoseAttemptsAreExhaustedIsParkedAsFailed() {
            productService.failWith(Status.UNAVAILABLE.withDescription("down"));
            UUID product = UUID.randomUUID();
            insertEvent(product, 19, "clock_timestamp()");

            await().until(() -> failedRows() == 1);

            assertThat(jdbc.sql("select attempts from outbox_event")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(20);
            assertThat(jdbc.sql("select last_error from outbox_event")
                            .query(String.class)
                            .single())
                    .isEqualTo("UNAVAILABLE: down");
        }

        @Test
        void aChangeRefusedAsInvalidIsParkedAtOnce() {
            productService.failWith(Status.INVALID_ARGUMENT.withDescription("product.title: must not be blank"));

            String id = createdProductId("Lamp");

            await().until(() -> failedRows() == 1);
            assertThat(productService.receivedFor(id)).hasSize(1);
        }

        @Test
        void twoSendersNeverClaimTheSameEvent() {
            for (int i = 0; i < 200; i++) {
                insertEvent(UUID.randomUUID(), 0, "clock_timestamp() + interval '1 hour'");
            }
            jdbc.sql("update outbox_event set next_attempt_at = clock_timestamp() - interval '1 second'")
                    .update();

            var first = CompletableFuture.supplyAsync(() -> repository.claimDue(150, Duration.ofMinutes(1)));
            var second = CompletableFuture.supplyAsync(() -> repository.claimDue(150, Duration.ofMinutes(1)));
            List<ReplicationEvent> claimed = new ArrayList<>(first.join());
            claimed.addAll(second.join());

            Set<UUID> distinct =
                    new HashSet<>(claimed.stream().map(ReplicationEvent::id).toList());
            assertThat(distinct).hasSameSizeAs(claimed);
        }
    }

    @Nested
    class Operating {

        @Test
        void failedEventsAreListedAndARetryDeliversThem() {
            productService.failWith(Status.INVALID_ARGUMENT.withDescription("refused"));
            String product = createdProductId("Lamp");
            await().until(() -> failedRows() == 1);
            // Usually 1; 2 when a slow machine let the first call run out of time before the refusal.
            int attempts = jdbc.sql("select attempts from outbox_event")
                    .query(Integer.class)
                    .single();

            operator()
                    .get()
                    .uri("/actuator/replication?page=0&size=20")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.failed")
                    .isEqualTo(1)
                    .jsonPath("$.failedEvents.page.totalElements")
                    .isEqualTo(1)
                    .jsonPath("$.failedEvents.content[0].productId")
                    .isEqualTo(product)
                    .jsonPath("$.failedEvents.content[0].change")
                    .isEqualTo("create")
                    .jsonPath("$.failedEvents.content[0].attempts")
                    .isEqualTo(attempts)
                    .jsonPath("$.failedEvents.content[0].lastError")
                    .isEqualTo("INVALID_ARGUMENT: refused");
            UUID id = jdbc.sql("select id from outbox_event").query(UUID.class).single();
            productService.recover();

            operator()
                    .post()
                    .uri("/actuator/replication/{id}", id)
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody()
                    .jsonPath("$.retried")
                    .isEqualTo(1);

            await().until(() -> productService.replicaOf(product) != null);
            await().until(() -> outboxRows() == 0);
        }

        @Test
        void retryingAllFailedEventsDeliversEveryOne() {
            productService.failWith(Status.INVALID_ARGUMENT);
            List<String> products =
                    List.of(createdProductId("Lamp"), createdProductId("Desk"), createdProductId("Chair"));
            await().until(() -> failedRows() == 3);
            productService.recover();

            operator()
                    .post()
                    .uri("/actuator/replication")
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody()
                    .jsonPath("$.retried")
                    .isEqualTo(3);

            await().untilAsserted(() -> assertThat(products)
                    .allSatisfy(id -> assertThat(productService.replicaOf(id)).isEqualTo(new Replica(0, false))));
        }

        @Test
        void retryingAnUnknownEventIsNotFoundAndAMalformedIdOrPageIsBadRequest() {
            operator()
                    .post()
                    .uri("/actuator/replication/{id}", UUID.randomUUID())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(404);
            operator()
                    .post()
                    .uri("/actuator/replication/not-a-uuid")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            operator()
                    .get()
                    .uri("/actuator/replication?page=-1")
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }

        @Test
        void theBacklogIsReportedToOperatorsInHealthAndAsMetrics() {
            productService.failWith(Status.UNAVAILABLE);
            createdProductId("Lamp");
            createdProductId("Desk");
            await().until(() -> jdbc.sql("select count(*) from outbox_event where attempts > 0")
                            .query(Long.class)
                            .single()
                    == 2);

            operator()
                    .get()
                    .uri("/actuator/replication")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.pending")
                    .isEqualTo(2)
                    .jsonPath("$.failed")
                    .isEqualTo(0);
            await().untilAsserted(() -> operator()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components.replication.status")
                    .isEqualTo("UP")
                    .jsonPath("$.components.replication.details.pending")
                    .isEqualTo(2)
                    .jsonPath("$.components.replication.details.failures")
                    .exists()
                    .jsonPath("$.components.replication.details.oldestPendingAge")
                    .exists());
            String metrics = management()
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(metrics)
                    .contains(
                            "replication_backlog ",
                            "replication_failed ",
                            "replication_oldest_age_seconds ",
                            "replication_deliveries_total{outcome=\"failed\"}",
                            "replication_events_recorded_total{change=\"create\"}",
                            "replication_lag_seconds");
        }
    }

    private void insertEvent(UUID product, int attempts, String nextAttemptAt) {
        insertEvent(product, attempts, nextAttemptAt, "Lamp");
    }

    private void insertEvent(UUID product, int attempts, String nextAttemptAt, String title) {
        Instant now = Instant.parse("2025-03-01T09:30:00Z");
        byte[] payload = CreateProductFromReceiverRequest.newBuilder()
                .setProduct(ProductState.newBuilder()
                        .setId(product.toString())
                        .setTitle(title)
                        .setCreateTime(ProtoTimestamps.of(now))
                        .setUpdateTime(ProtoTimestamps.of(now)))
                .build()
                .toByteArray();
        jdbc.sql("""
                        insert into outbox_event (id, product_id, change, product_version, payload, created_at, attempts,
                                                  next_attempt_at)
                        values (:id, :product, 'create', 0, :payload, clock_timestamp(), :attempts, %s)""".formatted(nextAttemptAt))
                .param("id", UUID.randomUUID())
                .param("product", product)
                .param("payload", payload)
                .param("attempts", attempts)
                .update();
    }

    private long outboxRows() {
        return jdbc.sql("select count(*) from outbox_event").query(Long.class).single();
    }

    private long failedRows() {
        return jdbc.sql("select count(*) from outbox_event where failed_at is not null")
                .query(Long.class)
                .single();
    }
}
