package com.example.likes.product.replication;

import static com.example.likes.product.ProductStates.aProduct;
import static com.example.likes.product.ProductStates.timestamp;
import static com.example.likes.testsupport.GrpcAdmission.untilAdmitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.example.likes.product.ProductIntegrationTest;
import com.example.likes.protos.product.v1.ApplyProductChangesRequest;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ListProductVersionsRequest;
import com.example.likes.protos.product.v1.ListProductVersionsResponse;
import com.example.likes.protos.product.v1.ProductChange;
import com.example.likes.protos.product.v1.ProductChangeResult;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.ProductVersion;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The dashboard pushes product changes over the real gRPC port; the replica applies each once, in version order. */
class ReplicationGrpcTest extends ProductIntegrationTest {

    /** The highest version product.v1 allows a change to carry: 2^53 - 1, what no dashboard gets past. */
    static final long MAX_VERSION = (1L << 53) - 1;

    @Nested
    class Creating {

        @Test
        void aNewProductIsAppliedAndServedOverRest() {
            ProductState.Builder lamp = aProduct()
                    .setTitle("Desk lamp")
                    .setImage("https://images.example.com/lamp.png")
                    .setUpdateTime(timestamp(Instant.parse("2025-03-02T08:00:00Z")));

            assertThat(create(lamp)).isTrue();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.id")
                    .isEqualTo(lamp.getId())
                    .jsonPath("$.title")
                    .isEqualTo("Desk lamp")
                    .jsonPath("$.image")
                    .isEqualTo("https://images.example.com/lamp.png")
                    .jsonPath("$.createdAt")
                    .isEqualTo("2025-03-01T09:30:00Z")
                    .jsonPath("$.updatedAt")
                    .isEqualTo("2025-03-02T08:00:00Z");
        }

        @Test
        void theSameCreateDeliveredTwiceIsAppliedOnce() {
            ProductState.Builder lamp = aProduct();

            assertThat(create(lamp)).isTrue();
            assertThat(create(lamp)).isFalse();

            assertThat(storedRows()).isEqualTo(1);
        }

        @Test
        void aProductWithoutImageIsServedWithAnEmptyImage() {
            ProductState.Builder lamp = aProduct().setImage("");

            create(lamp);

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.image")
                    .isEqualTo("");
        }

        @Test
        void aTitleOf200CharactersOutsideTheBasicPlaneIsAccepted() {
            ProductState.Builder smiles = aProduct().setTitle("\uD83D\uDE42".repeat(200));

            assertThat(create(smiles)).isTrue();

            rest.get()
                    .uri("/api/products/{id}", smiles.getId())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("\uD83D\uDE42".repeat(200));
        }
    }

    @Nested
    class Updating {

        @Test
        void aNewerVersionReplacesTheProduct() {
            ProductState.Builder lamp = aProduct().setTitle("Desk lamp");
            create(lamp);

            assertThat(update(lamp.clone().setTitle("Floor lamp").setImage("").setVersion(2)))
                    .isTrue();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Floor lamp")
                    .jsonPath("$.image")
                    .isEqualTo("");
        }

        @Test
        void anOlderUpdateArrivingAfterANewerOneIsIgnored() {
            ProductState.Builder lamp = aProduct();
            create(lamp);
            update(lamp.clone().setTitle("Version 3").setVersion(3));

            assertThat(update(lamp.clone().setTitle("Version 2").setVersion(2))).isFalse();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Version 3");
        }

        @Test
        void theSameUpdateDeliveredTwiceIsAppliedOnce() {
            ProductState.Builder lamp = aProduct();
            create(lamp);

            assertThat(update(lamp.clone().setTitle("Floor lamp").setVersion(2)))
                    .isTrue();
            assertThat(update(lamp.clone().setTitle("Floor lamp").setVersion(2)))
                    .isFalse();
        }

        @Test
        void anUpdateOvertakingItsCreateCreatesTheProductAndTheLateCreateIsIgnored() {
            ProductState.Builder lamp = aProduct().setTitle("Desk lamp");

            assertThat(update(lamp.clone().setTitle("Floor lamp").setVersion(2)))
                    .isTrue();
            assertThat(create(lamp)).isFalse();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Floor lamp");
        }

        @Test
        void concurrentDeliveriesOfManyVersionsConvergeOnTheNewest() throws Exception {
            ProductState.Builder lamp = aProduct();
            List<Long> versions =
                    new ArrayList<>(LongStream.rangeClosed(1, 40).boxed().toList());
            Collections.shuffle(versions);

            List<Future<?>> deliveries = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long version : versions) {
                    // Beyond the admission limit a delivery is refused, and the dashboard sends it again.
                    deliveries.add(threads.submit(() -> untilAdmitted(
                            Duration.ofSeconds(20),
                            Duration.ofMillis(100),
                            () -> update(
                                    lamp.clone().setTitle("Version " + version).setVersion(version)))));
                }
            }
            for (Future<?> delivery : deliveries) {
                delivery.get();
            }

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Version 40");
            assertThat(storedVersion(lamp.getId())).isEqualTo(40);
        }
    }

    @Nested
    class RepairingAReplicaAheadOfTheDashboard {

        @Test
        void aStateThatNamesTheReplicasVersionReplacesItThoughItIsOlder() {
            ProductState.Builder lamp = aProduct();
            create(lamp.clone().setTitle("Poisoned").setVersion(MAX_VERSION));

            assertThat(update(lamp.clone().setTitle("Desk lamp").setVersion(3))).isFalse();
            assertThat(repair(lamp.clone().setTitle("Desk lamp").setVersion(3), MAX_VERSION))
                    .isTrue();

            assertThat(storedVersion(lamp.getId())).isEqualTo(3);
            assertThat(update(lamp.clone().setTitle("Renamed").setVersion(4))).isTrue();
        }

        @Test
        void aRepairIsIgnoredOnceTheReplicaHoldsAnotherVersion() {
            ProductState.Builder lamp = aProduct();
            create(lamp.clone().setVersion(9));

            assertThat(repair(lamp.clone().setTitle("Stale repair").setVersion(3), 8))
                    .isFalse();

            assertThat(storedVersion(lamp.getId())).isEqualTo(9);
        }

        @Test
        void aDeletionThatNamesTheReplicasVersionReplacesIt() {
            ProductState.Builder lamp = aProduct();
            create(lamp.clone().setVersion(MAX_VERSION));

            assertThat(replication()
                            .deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                                    .setId(lamp.getId())
                                    .setVersion(MAX_VERSION)
                                    .setReplacesVersion(MAX_VERSION)
                                    .build())
                            .getApplied())
                    .isTrue();
            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        private boolean repair(ProductState.Builder state, long replacesVersion) {
            return replication()
                    .updateProductFromReceiver(UpdateProductFromReceiverRequest.newBuilder()
                            .setProduct(state)
                            .setReplacesVersion(replacesVersion)
                            .build())
                    .getApplied();
        }
    }

    @Nested
    class Deleting {

        @Test
        void aDeletedProductIsNoLongerServed() {
            ProductState.Builder lamp = aProduct();
            create(lamp);

            assertThat(delete(lamp.getId(), 2)).isTrue();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void theSameDeleteDeliveredTwiceIsAppliedOnce() {
            ProductState.Builder lamp = aProduct();
            create(lamp);

            assertThat(delete(lamp.getId(), 2)).isTrue();
            assertThat(delete(lamp.getId(), 2)).isFalse();
        }

        @Test
        void aLateUpdateDoesNotBringTheProductBack() {
            ProductState.Builder lamp = aProduct();
            create(lamp);
            delete(lamp.getId(), 3);

            assertThat(update(lamp.clone().setTitle("Floor lamp").setVersion(2)))
                    .isFalse();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void aDeleteOvertakingItsCreateLeavesATombstoneThatTheLateCreateCannotUndo() {
            ProductState.Builder lamp = aProduct();

            assertThat(delete(lamp.getId(), 2)).isTrue();
            assertThat(create(lamp)).isFalse();

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            assertThat(storedRows()).isEqualTo(1);
        }
    }

    @Nested
    class CountingDeliveries {

        @Autowired
        MeterRegistry meters;

        @Test
        void aRedeliveryIsCountedAsIgnoredAndNeverAsASecondApply() {
            ProductState.Builder lamp = aProduct();
            double appliedBefore = changes("save", "applied");
            double ignoredBefore = changes("save", "ignored");

            create(lamp);
            create(lamp);
            update(lamp.clone().setVersion(0));

            assertThat(changes("save", "applied") - appliedBefore).isEqualTo(1);
            assertThat(changes("save", "ignored") - ignoredBefore).isEqualTo(2);
        }

        private double changes(String change, String outcome) {
            return meters.get("product.replica.changes")
                    .tag("change", change)
                    .tag("outcome", outcome)
                    .counter()
                    .count();
        }
    }

    @Nested
    class ApplyingABatch {

        @Autowired
        MeterRegistry meters;

        @Test
        void createsUpdatesAndDeletesOfManyProductsApplyInOneCallEachAsItsOwnRpcWould() {
            ProductState.Builder lamp = aProduct().setTitle("Lamp");
            ProductState.Builder chair = aProduct().setTitle("Chair");
            ProductState.Builder table = aProduct().setTitle("Table");
            assertThat(create(table)).isTrue();

            List<ProductChangeResult> results = applyAll(
                    createOf(lamp),
                    createOf(chair),
                    updateOf(lamp.clone().setTitle("Lamp v2").setVersion(2)),
                    deleteOf(table.getId(), 3),
                    createOf(chair));

            assertThat(results)
                    .extracting(ProductChangeResult::getApplied, ProductChangeResult::getInvalid)
                    .containsExactly(
                            tuple(true, ""), tuple(true, ""), tuple(true, ""), tuple(true, ""), tuple(false, ""));
            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Lamp v2");
            rest.get()
                    .uri("/api/products/{id}", table.getId())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            assertThat(storedVersion(chair.getId())).isEqualTo(chair.getVersion());
        }

        @Test
        void anOlderChangeLaterInTheBatchChangesNothing() {
            ProductState.Builder lamp = aProduct().setTitle("Lamp v5").setVersion(5);

            List<ProductChangeResult> results = applyAll(
                    updateOf(lamp), updateOf(lamp.clone().setTitle("Lamp v4").setVersion(4)));

            assertThat(results).extracting(ProductChangeResult::getApplied).containsExactly(true, false);
            assertThat(storedVersion(lamp.getId())).isEqualTo(5);
        }

        @Test
        void anInvalidChangeIsReportedAloneAndTheOthersApply() {
            ProductState.Builder lamp = aProduct();
            ProductState.Builder blank = aProduct().setTitle(" ");

            List<ProductChangeResult> results = applyAll(
                    createOf(blank), createOf(lamp), ProductChange.getDefaultInstance(), deleteOf("not-a-uuid", 2));

            assertThat(results)
                    .extracting(ProductChangeResult::getApplied, ProductChangeResult::getInvalid)
                    .containsExactly(
                            tuple(false, "product.title: must not be blank"),
                            tuple(true, ""),
                            tuple(false, "change: exactly one field is required in oneof"),
                            tuple(false, "id: must be a valid UUID"));
            assertThat(storedRows()).isEqualTo(1);
        }

        @Test
        void aBatchOfNothingButInvalidChangesIsInvalidArgumentNamingEachFieldByItsChange() {
            ApplyProductChangesRequest batch = ApplyProductChangesRequest.newBuilder()
                    .addChanges(createOf(aProduct().setVersion(-1)))
                    .addChanges(deleteOf("not-a-uuid", 2))
                    .build();

            StatusRuntimeException refused = catchThrowableOfType(
                    StatusRuntimeException.class, () -> replication().applyProductChanges(batch));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(RejectingInvalidChanges.fieldViolations(refused))
                    .containsOnlyKeys("changes[0].product.version", "changes[1].id");
            assertThat(storedRows()).isZero();
        }

        @Test
        void aMalformedTimestampInABatchIsNamedByItsChangeAndTheOtherChangesAreStillChecked() {
            Timestamp malformed = Timestamp.newBuilder().setNanos(-1).build();
            ApplyProductChangesRequest batch = ApplyProductChangesRequest.newBuilder()
                    .addChanges(createOf(aProduct().setCreateTime(malformed)))
                    .addChanges(createOf(aProduct().setTitle(" ")))
                    .build();

            StatusRuntimeException refused = catchThrowableOfType(
                    StatusRuntimeException.class, () -> replication().applyProductChanges(batch));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(RejectingInvalidChanges.fieldViolations(refused))
                    .containsOnlyKeys("changes[0].product.create_time", "changes[1].product.title");
            assertThat(storedRows()).isZero();
        }

        @Test
        void anEmptyBatchOrOneAbove500ChangesIsInvalidArgumentAndChangesNothing() {
            List<ProductChange> tooMany = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                tooMany.add(createOf(aProduct()));
            }

            var refusals = Map.of(
                    List.<ProductChange>of(),
                    "changes: must contain at least 1 item(s)",
                    tooMany,
                    "changes: must contain no more than 500 item(s)");
            refusals.forEach((batch, why) -> {
                StatusRuntimeException refused =
                        catchThrowableOfType(StatusRuntimeException.class, () -> applyAll(batch));
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(refused.getStatus().getDescription()).isEqualTo(why);
            });
            assertThat(storedRows()).isZero();
        }

        @Test
        void aBatchOf500ChangesIsAccepted() {
            List<ProductChange> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(createOf(aProduct()));
            }

            assertThat(applyAll(batch)).allMatch(ProductChangeResult::getApplied);
            assertThat(storedRows()).isEqualTo(500);
        }

        @Test
        void eachChangeIsCountedAsAppliedOrIgnoredAsTheSingleRpcsCountThem() {
            ProductState.Builder lamp = aProduct();
            double savesApplied = changes("save", "applied");
            double savesIgnored = changes("save", "ignored");
            double deletesApplied = changes("delete", "applied");

            applyAll(createOf(lamp), createOf(lamp), deleteOf(lamp.getId(), lamp.getVersion() + 1));

            assertThat(changes("save", "applied") - savesApplied).isEqualTo(1);
            assertThat(changes("save", "ignored") - savesIgnored).isEqualTo(1);
            assertThat(changes("delete", "applied") - deletesApplied).isEqualTo(1);
        }

        private List<ProductChangeResult> applyAll(ProductChange... changes) {
            return applyAll(List.of(changes));
        }

        private List<ProductChangeResult> applyAll(List<ProductChange> changes) {
            return replication()
                    .applyProductChanges(ApplyProductChangesRequest.newBuilder()
                            .addAllChanges(changes)
                            .build())
                    .getResultsList();
        }

        private static ProductChange createOf(ProductState.Builder product) {
            return ProductChange.newBuilder()
                    .setCreate(CreateProductFromReceiverRequest.newBuilder().setProduct(product))
                    .build();
        }

        private static ProductChange updateOf(ProductState.Builder product) {
            return ProductChange.newBuilder()
                    .setUpdate(UpdateProductFromReceiverRequest.newBuilder().setProduct(product))
                    .build();
        }

        private static ProductChange deleteOf(String id, long version) {
            return ProductChange.newBuilder()
                    .setDelete(DeleteProductFromReceiverRequest.newBuilder()
                            .setId(id)
                            .setVersion(version))
                    .build();
        }

        private double changes(String change, String outcome) {
            return meters.get("product.replica.changes")
                    .tag("change", change)
                    .tag("outcome", outcome)
                    .counter()
                    .count();
        }
    }

    @Nested
    class ListingVersions {

        @Test
        void listsProductsAndTombstonesInIdOrderPageByPage() {
            String first = "10000000-0000-4000-8000-000000000000";
            String second = "90000000-0000-4000-8000-000000000000";
            String third = "f0000000-0000-4000-8000-000000000000";
            create(aProduct().setId(third).setVersion(3));
            create(aProduct().setId(first).setVersion(1));
            create(aProduct().setId(second).setVersion(1));
            delete(second, 2);

            ListProductVersionsResponse firstPage = listVersions(2, "");
            ListProductVersionsResponse lastPage = listVersions(2, firstPage.getNextPageToken());

            assertThat(firstPage.getProductsList())
                    .extracting(ProductVersion::getId, ProductVersion::getVersion, ProductVersion::getDeleted)
                    .containsExactly(tuple(first, 1L, false), tuple(second, 2L, true));
            assertThat(firstPage.getNextPageToken()).isEqualTo(second);
            assertThat(lastPage.getProductsList())
                    .extracting(ProductVersion::getId, ProductVersion::getVersion)
                    .containsExactly(tuple(third, 3L));
            assertThat(lastPage.getNextPageToken()).isEmpty();
        }

        @Test
        void anEmptyReplicaIsOneEmptyPage() {
            ListProductVersionsResponse page = listVersions(0, "");

            assertThat(page.getProductsList()).isEmpty();
            assertThat(page.getNextPageToken()).isEmpty();
        }

        @Test
        void aPageSizeAboveTheLimitOrAMalformedTokenIsInvalidArgument() {
            StatusRuntimeException failure =
                    catchThrowableOfType(StatusRuntimeException.class, () -> listVersions(1001, "lamp"));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(failure.getStatus().getDescription()).contains("page_size", "page_token");
        }

        private ListProductVersionsResponse listVersions(int size, String token) {
            return replication()
                    .listProductVersions(ListProductVersionsRequest.newBuilder()
                            .setPageSize(size)
                            .setPageToken(token)
                            .build());
        }
    }

    @Nested
    class RejectingInvalidChanges {

        @Test
        void aMalformedIdIsInvalidArgumentNamingTheField() {
            assertThat(violationsOf(() -> create(aProduct().setId("not-a-uuid"))))
                    .containsOnlyKeys("product.id");
        }

        @Test
        void aMissingProductIsInvalidArgument() {
            assertThat(violationsOf(() -> replication()
                            .createProductFromReceiver(CreateProductFromReceiverRequest.getDefaultInstance())))
                    .containsExactly(Map.entry("product", "value is required"));
        }

        @Test
        void aBlankTitleIsInvalidArgument() {
            assertThat(violationsOf(() -> create(aProduct().setTitle("   "))))
                    .containsExactly(Map.entry("product.title", "must not be blank"));
        }

        @Test
        void aTitleOver200CharactersIsInvalidArgument() {
            assertThat(violationsOf(() -> create(aProduct().setTitle("x".repeat(201)))))
                    .containsExactly(Map.entry("product.title", "must be at most 200 characters"));
        }

        @Test
        void anImageOver200CharactersIsInvalidArgument() {
            assertThat(violationsOf(() -> update(aProduct().setImage("x".repeat(201)))))
                    .containsOnlyKeys("product.image");
        }

        @Test
        void aTitleWithANulCharacterIsInvalidArgument() {
            assertThat(violationsOf(() -> create(aProduct().setTitle("Desk\0lamp"))))
                    .containsOnlyKeys("product.title");
        }

        // No unpaired surrogate here: a proto string is UTF-8 on the wire, so the sender cannot encode one.
        @ParameterizedTest
        @ValueSource(strings = {"tab\there", "line\nbreak", "escape\u001b[0m", "c1\u0085", "nul\u0000"})
        void aTitleOrImageBreakingTheSharedTextRuleIsInvalidArgument(String text) {
            assertThat(violationsOf(() -> create(aProduct().setTitle(text)))).containsOnlyKeys("product.title");
            assertThat(violationsOf(() -> update(aProduct().setImage(text)))).containsOnlyKeys("product.image");
            assertThat(storedRows()).isZero();
        }

        @ParameterizedTest
        @ValueSource(longs = {Long.MAX_VALUE, MAX_VERSION + 1, Long.MIN_VALUE})
        void aVersionNoDashboardCouldHaveProducedIsInvalidArgumentAndPoisonsNothing(long version) {
            ProductState.Builder lamp = aProduct();
            create(lamp);

            assertThat(violationsOf(
                            () -> update(lamp.clone().setTitle("Poisoned").setVersion(version))))
                    .containsOnlyKeys("product.version");
            assertThat(violationsOf(() -> delete(lamp.getId(), version))).containsOnlyKeys("version");

            assertThat(storedVersion(lamp.getId())).isEqualTo(1);
            assertThat(update(lamp.clone().setTitle("Renamed").setVersion(2))).isTrue();
        }

        // Values no Timestamp may hold: protovalidate cannot compare them, so they are named before its rules run.
        @ParameterizedTest
        @CsvSource({"-1, 1000000000", "0, -1", "9223372036854775807, 0", "-9223372036854775808, -1487105401"})
        void aTimestampOutsideItsOwnTypesRangeIsInvalidArgumentNamingTheField(long seconds, int nanos) {
            Timestamp malformed =
                    Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();

            assertThat(violationsOf(
                            () -> create(aProduct().setCreateTime(malformed).setTitle(" "))))
                    .containsOnlyKeys("product.create_time", "product.title");
            assertThat(violationsOf(() -> update(aProduct().setUpdateTime(malformed))))
                    .containsOnlyKeys("product.update_time");
            assertThat(storedRows()).isZero();
        }

        @Test
        void theHighestVersionADashboardMayProduceIsAccepted() {
            assertThat(create(aProduct().setVersion(MAX_VERSION))).isTrue();
        }

        @Test
        void missingTimesAndANegativeVersionAreAllReportedAtOnce() {
            ProductState.Builder broken =
                    aProduct().clearCreateTime().clearUpdateTime().setVersion(-1);

            assertThat(violationsOf(() -> create(broken)))
                    .containsOnlyKeys("product.create_time", "product.update_time", "product.version");
        }

        @Test
        void aMessageAboveTheSizeLimitIsRejectedUnread() {
            ProductState.Builder huge = aProduct().setImage("x".repeat(100_000));

            assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> create(huge))
                            .getStatus()
                            .getCode())
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(storedRows()).isZero();
        }

        @Test
        void aDeleteWithAMalformedIdIsInvalidArgument() {
            assertThat(violationsOf(() -> delete("42", 2))).containsOnlyKeys("id");
        }

        @Test
        void anInvalidUpdateLeavesTheStoredProductAsItWas() {
            ProductState.Builder lamp = aProduct().setTitle("Desk lamp");
            create(lamp);

            violationsOf(() -> update(lamp.clone().setTitle("").setVersion(2)));

            rest.get()
                    .uri("/api/products/{id}", lamp.getId())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Desk lamp");
            assertThat(storedVersion(lamp.getId())).isEqualTo(1);
        }

        /** Runs a call that must fail with INVALID_ARGUMENT; returns its BadRequest field violations. */
        private static Map<String, String> violationsOf(ThrowingCallable call) {
            StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call);
            assertThat(failure).as("the call's failure").isNotNull();
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            return fieldViolations(failure);
        }

        private static Map<String, String> fieldViolations(StatusRuntimeException e) {
            com.google.rpc.Status status = StatusProto.fromThrowable(e);
            assertThat(status).as("rich status in grpc-status-details-bin").isNotNull();
            return status.getDetailsList().stream()
                    .filter(detail -> detail.is(BadRequest.class))
                    .map(detail -> {
                        try {
                            return detail.unpack(BadRequest.class);
                        } catch (InvalidProtocolBufferException ex) {
                            throw new AssertionError(ex);
                        }
                    })
                    .flatMap(badRequest -> badRequest.getFieldViolationsList().stream())
                    .collect(Collectors.toMap(
                            BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getDescription));
        }
    }

    private long storedRows() {
        return jdbc.sql("select count(*) from product").query(Long.class).single();
    }

    private long storedVersion(String id) {
        return jdbc.sql("select version from product where id = ?")
                .param(UUID.fromString(id))
                .query(Long.class)
                .single();
    }
}
