package com.example.likes.e2e;

import static com.example.likes.testsupport.GrpcAdmission.untilAdmitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.localstack.ServiceProcess;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc.ProductReceiverServiceBlockingStub;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two product-service instances on one database receive every change at the same moment, as they would when the
 * dashboard's delivery is retried against another instance: each change is applied by exactly one of them.
 */
@Order(FaultTests.AFTER_THE_OTHER_TESTS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoProductServicesFaultIT {

    private static final int PRODUCTS = 200;
    private static final Instant CREATED = Instant.parse("2025-03-01T09:30:00Z");

    private final SystemUnderTest.LocalProcesses system = FaultTests.localProcesses();
    private ServiceProcess second;
    private ManagedChannel firstChannel;
    private ManagedChannel secondChannel;
    private final List<UUID> planted = new ArrayList<>();

    @BeforeAll
    void startASecondInstance() {
        second = system.stack().anotherInstanceOf("product-service", "product-service-2", Map.of());
        FaultTests.startAndAwaitReady(second);
        firstChannel = channelTo(system.product().grpcPort());
        secondChannel = channelTo(second.grpcPort());
    }

    @AfterAll
    void stopTheSecondInstance() throws InterruptedException {
        // The dashboard never had these products: delete them, or reconciliation would rightly report them as extra.
        // The newest version product-service accepts (2^53 - 1), so that no change of the tests' can come after it.
        for (UUID id : planted) {
            stub(firstChannel)
                    .deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                            .setId(id.toString())
                            .setVersion((1L << 53) - 1)
                            .build());
        }
        firstChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        secondChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        second.stop(FaultTests.STOP_TIMEOUT);
    }

    @Test
    void everyChangeSentToBothInstancesAtOnceIsAppliedExactlyOnce() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger ignored = new AtomicInteger();
        List<UUID> ids = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService dashboards = Executors.newFixedThreadPool(16);
                ExecutorService calls = Executors.newFixedThreadPool(32)) {
            List<Future<?>> products = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                UUID id = UUID.randomUUID();
                boolean deleteAtTheEnd = i % 4 == 0;
                ids.add(id);
                planted.add(id);
                products.add(dashboards.submit(() -> {
                    // Each product's changes in version order, every one to both instances at the same moment.
                    List<Function<ProductReceiverServiceBlockingStub, Boolean>> changes = new ArrayList<>();
                    changes.add(
                            receiver -> receiver.createProductFromReceiver(CreateProductFromReceiverRequest.newBuilder()
                                            .setProduct(state(id, 0))
                                            .build())
                                    .getApplied());
                    for (long version = 1; version <= 2; version++) {
                        long v = version;
                        changes.add(receiver -> receiver.updateProductFromReceiver(
                                        UpdateProductFromReceiverRequest.newBuilder()
                                                .setProduct(state(id, v))
                                                .build())
                                .getApplied());
                    }
                    if (deleteAtTheEnd) {
                        changes.add(receiver -> receiver.deleteProductFromReceiver(
                                        DeleteProductFromReceiverRequest.newBuilder()
                                                .setId(id.toString())
                                                .setVersion(3)
                                                .build())
                                .getApplied());
                    }
                    for (Function<ProductReceiverServiceBlockingStub, Boolean> change : changes) {
                        sent.incrementAndGet();
                        var atFirst = CompletableFuture.supplyAsync(() -> taken(change, firstChannel), calls);
                        var atSecond = CompletableFuture.supplyAsync(() -> taken(change, secondChannel), calls);
                        for (boolean wasApplied : List.of(atFirst.join(), atSecond.join())) {
                            (wasApplied ? applied : ignored).incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> product : products) {
                product.get(2, TimeUnit.MINUTES);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Http first = new Http(system.productHttp());
        Http other = new Http(second.baseUri());
        long lost = 0;
        for (int i = 0; i < PRODUCTS; i++) {
            String path = "/api/products/" + ids.get(i);
            boolean deleted = i % 4 == 0;
            for (Http instance : List.of(first, other)) {
                Http.Response replica = instance.get(path);
                boolean right = deleted
                        ? replica.status() == 404
                        : replica.status() == 200
                                && replica.json().get("title").asString().equals("Version 2");
                lost += right ? 0 : 1;
            }
        }
        new FaultTests.Figures("two product-service instances receiving at once")
                .with("sent", sent.get())
                .with("deliveries", 2 * sent.get())
                .with("applied", applied.get())
                .with("ignored", ignored.get())
                .with("lost", lost)
                .with("duplicated", applied.get() - sent.get())
                .with("took", took)
                .log();
        assertThat(applied.get()).isEqualTo(sent.get());
        assertThat(ignored.get()).isEqualTo(sent.get());
        assertThat(lost).isZero();
    }

    private static ProductState state(UUID id, long version) {
        Timestamp created =
                Timestamp.newBuilder().setSeconds(CREATED.getEpochSecond()).build();
        return ProductState.newBuilder()
                .setId(id.toString())
                .setTitle("Version " + version)
                .setCreateTime(created)
                .setUpdateTime(Timestamp.newBuilder().setSeconds(CREATED.getEpochSecond() + version))
                .setVersion(version)
                .build();
    }

    /**
     * Whether {@code change} was applied, sent as the dashboard sends it: again after a refusal (UNAVAILABLE, beyond
     * the instance's admission limit), which applied nothing.
     */
    private Boolean taken(Function<ProductReceiverServiceBlockingStub, Boolean> change, ManagedChannel channel) {
        return untilAdmitted(Duration.ofSeconds(30), Duration.ofMillis(50), () -> change.apply(stub(channel)));
    }

    // Calls each instance as the dashboard does, with its key.
    private ProductReceiverServiceBlockingStub stub(ManagedChannel channel) {
        Metadata key = new Metadata();
        key.put(
                Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER),
                system.grpcKeys().of("dashboard-service", "product-service"));
        return ProductReceiverServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static ManagedChannel channelTo(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }
}
