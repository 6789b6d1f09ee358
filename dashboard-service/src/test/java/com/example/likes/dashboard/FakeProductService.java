package com.example.likes.dashboard;

import com.example.likes.protos.product.v1.ApplyProductChangesRequest;
import com.example.likes.protos.product.v1.ApplyProductChangesResponse;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.CreateProductFromReceiverResponse;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverResponse;
import com.example.likes.protos.product.v1.ListProductVersionsRequest;
import com.example.likes.protos.product.v1.ListProductVersionsResponse;
import com.example.likes.protos.product.v1.ProductChange;
import com.example.likes.protos.product.v1.ProductChangeResult;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.ProductVersion;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverResponse;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server in the test JVM that plays product-service's {@code ProductReceiverService}: it records every
 * change it gets and keeps a replica of id, version and deleted flag by the same rule as the real one (a change is
 * applied only if it is newer), or fails every change with a status while told to. Like the real one, it refuses
 * calls without the dashboard's key ({@link #API_KEY}) with {@code UNAUTHENTICATED}.
 */
public final class FakeProductService extends ProductReceiverServiceGrpc.ProductReceiverServiceImplBase {

    /** One call as the fake got it; {@code title} is empty for a delete. */
    public record Received(String change, String productId, String title, long version, Long deadlineMillis) {}

    /** What the replica holds for one product. */
    public record Replica(long version, boolean deleted) {}

    /** One change of a batch, whatever its kind; {@code title} is empty for a delete. */
    private record Change(
            String kind, String productId, String title, long version, long replacesVersion, boolean deleted) {

        static Change of(ProductChange change) {
            return switch (change.getChangeCase()) {
                case CREATE -> saved("create", change.getCreate().getProduct(), 0);
                case UPDATE ->
                    saved(
                            "update",
                            change.getUpdate().getProduct(),
                            change.getUpdate().getReplacesVersion());
                case DELETE -> {
                    DeleteProductFromReceiverRequest delete = change.getDelete();
                    yield new Change(
                            "delete", delete.getId(), "", delete.getVersion(), delete.getReplacesVersion(), true);
                }
                case CHANGE_NOT_SET -> throw new IllegalArgumentException("a change without its kind");
            };
        }

        private static Change saved(String kind, ProductState product, long replacesVersion) {
            return new Change(kind, product.getId(), product.getTitle(), product.getVersion(), replacesVersion, false);
        }
    }

    /** The key the dashboard must present; the test configuration gives it to the dashboard's channel. */
    public static final String API_KEY = "test-dashboard-service-key";

    private static final Metadata.Key<String> API_KEY_HEADER =
            Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private static FakeProductService instance;

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Replica> replica = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, String> invalid = new ConcurrentHashMap<>();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private volatile boolean takesBatches = true;
    private volatile Status failure;
    private final Server server;

    private FakeProductService() {
        try {
            server = ServerBuilder.forPort(0)
                    // As product-service's default PRODUCT_GRPC_MAX_MESSAGE_SIZE.
                    .maxInboundMessageSize(64 * 1024)
                    .addService(ServerInterceptors.intercept(this, new RequireApiKey()))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake product-service", e);
        }
    }

    /** Starts the fake the first time, and returns the same one after that. */
    static synchronized FakeProductService startOnce() {
        if (instance == null) {
            instance = new FakeProductService();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.server::shutdownNow, "fake-product-service-stop"));
        }
        return instance;
    }

    /** Where the dashboard's channel should point. */
    public String target() {
        return "localhost:" + server.getPort();
    }

    /** Forgets every call and the whole replica, and answers normally again. */
    public void reset() {
        failure = null;
        takesBatches = true;
        invalid.clear();
        largestBatch.set(0);
        received.clear();
        replica.clear();
    }

    /** The calls received for one product, in arrival order (calls that were answered with a failure included). */
    public List<Received> receivedFor(String productId) {
        return received.stream().filter(r -> r.productId().equals(productId)).toList();
    }

    /** What the replica holds for a product, or {@code null} when it never applied a change of it. */
    public Replica replicaOf(String productId) {
        return replica.get(productId);
    }

    /** Makes the replica lose a product, as if its create had never arrived. */
    public void forget(String productId) {
        replica.remove(productId);
    }

    /** Makes the replica hold a product at a version, live, whatever it held before. */
    public void plant(String productId, long version) {
        replica.put(productId, new Replica(version, false));
    }

    /** How many calls came without the dashboard's key, and were refused. */
    public int refusedCalls() {
        return refused.get();
    }

    /** Answers every change with {@code status} until {@link #recover()}; listing keeps working. */
    public void failWith(Status status) {
        this.failure = status;
    }

    public void recover() {
        this.failure = null;
    }

    /** Answers batches with {@code UNIMPLEMENTED}, as a product-service older than {@code ApplyProductChanges}. */
    public void takeNoBatches() {
        this.takesBatches = false;
    }

    /** Refuses every change of this product as invalid, naming {@code reason}: alone in a batch, or as the rpc. */
    public void refuseAsInvalid(String productId, String reason) {
        invalid.put(productId, reason);
    }

    /** The most changes one batch has carried so far (0 when none came). */
    public int largestBatch() {
        return largestBatch.get();
    }

    @Override
    public void applyProductChanges(
            ApplyProductChangesRequest request, StreamObserver<ApplyProductChangesResponse> response) {
        if (!takesBatches) {
            response.onError(Status.UNIMPLEMENTED
                    .withDescription("no ApplyProductChanges")
                    .asRuntimeException());
            return;
        }
        List<Change> changes = request.getChangesList().stream().map(Change::of).toList();
        changes.forEach(change -> received.add(
                new Received(change.kind(), change.productId(), change.title(), change.version(), deadlineMillis())));
        largestBatch.accumulateAndGet(changes.size(), Math::max);
        if (answeredWithFailure(response)) {
            return;
        }
        ApplyProductChangesResponse.Builder results = ApplyProductChangesResponse.newBuilder();
        for (Change change : changes) {
            ProductChangeResult.Builder result = results.addResultsBuilder();
            String reason = invalid.get(change.productId());
            if (reason != null) {
                result.setInvalid(reason);
            } else {
                result.setApplied(
                        apply(change.productId(), change.version(), change.replacesVersion(), change.deleted()));
            }
        }
        response.onNext(results.build());
        response.onCompleted();
    }

    @Override
    public void createProductFromReceiver(
            CreateProductFromReceiverRequest request, StreamObserver<CreateProductFromReceiverResponse> response) {
        record("create", request.getProduct());
        if (answeredWithFailure(response)
                || refusedAsInvalid(request.getProduct().getId(), response)) {
            return;
        }
        boolean applied =
                apply(request.getProduct().getId(), request.getProduct().getVersion(), 0, false);
        response.onNext(CreateProductFromReceiverResponse.newBuilder()
                .setApplied(applied)
                .build());
        response.onCompleted();
    }

    @Override
    public void updateProductFromReceiver(
            UpdateProductFromReceiverRequest request, StreamObserver<UpdateProductFromReceiverResponse> response) {
        record("update", request.getProduct());
        if (answeredWithFailure(response)
                || refusedAsInvalid(request.getProduct().getId(), response)) {
            return;
        }
        boolean applied = apply(
                request.getProduct().getId(), request.getProduct().getVersion(), request.getReplacesVersion(), false);
        response.onNext(UpdateProductFromReceiverResponse.newBuilder()
                .setApplied(applied)
                .build());
        response.onCompleted();
    }

    @Override
    public void deleteProductFromReceiver(
            DeleteProductFromReceiverRequest request, StreamObserver<DeleteProductFromReceiverResponse> response) {
        recordDelete(request);
        if (answeredWithFailure(response) || refusedAsInvalid(request.getId(), response)) {
            return;
        }
        boolean applied = apply(request.getId(), request.getVersion(), request.getReplacesVersion(), true);
        response.onNext(DeleteProductFromReceiverResponse.newBuilder()
                .setApplied(applied)
                .build());
        response.onCompleted();
    }

    @Override
    public void listProductVersions(
            ListProductVersionsRequest request, StreamObserver<ListProductVersionsResponse> response) {
        int size = request.getPageSize() == 0 ? 500 : request.getPageSize();
        Comparator<UUID> databaseOrder = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
                .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);
        UUID after = request.getPageToken().isEmpty() ? null : UUID.fromString(request.getPageToken());
        List<UUID> ids = replica.keySet().stream()
                .map(UUID::fromString)
                .filter(id -> after == null || databaseOrder.compare(id, after) > 0)
                .sorted(databaseOrder)
                .limit(size)
                .toList();
        ListProductVersionsResponse.Builder page = ListProductVersionsResponse.newBuilder();
        for (UUID id : ids) {
            Replica held = replica.get(id.toString());
            page.addProducts(ProductVersion.newBuilder()
                    .setId(id.toString())
                    .setVersion(held.version())
                    .setDeleted(held.deleted()));
        }
        if (ids.size() == size) {
            page.setNextPageToken(ids.getLast().toString());
        }
        response.onNext(page.build());
        response.onCompleted();
    }

    private boolean apply(String productId, long version, long replacesVersion, boolean deleted) {
        Replica[] before = new Replica[1];
        Replica after = replica.compute(productId, (id, held) -> {
            before[0] = held;
            boolean replaces = held != null && replacesVersion > 0 && held.version() == replacesVersion;
            return held == null || held.version() < version || replaces ? new Replica(version, deleted) : held;
        });
        return after != before[0];
    }

    private void record(String change, ProductState product) {
        received.add(new Received(change, product.getId(), product.getTitle(), product.getVersion(), deadlineMillis()));
    }

    private void recordDelete(DeleteProductFromReceiverRequest request) {
        received.add(new Received("delete", request.getId(), "", request.getVersion(), deadlineMillis()));
    }

    private boolean refusedAsInvalid(String productId, StreamObserver<?> response) {
        String reason = invalid.get(productId);
        if (reason != null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(reason).asRuntimeException());
            return true;
        }
        return false;
    }

    private static Long deadlineMillis() {
        Deadline deadline = Context.current().getDeadline();
        return deadline == null ? null : deadline.timeRemaining(TimeUnit.MILLISECONDS);
    }

    /** What product-service's platform does: no call without the key. */
    private final class RequireApiKey implements ServerInterceptor {

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (!API_KEY.equals(headers.get(API_KEY_HEADER))) {
                refused.incrementAndGet();
                call.close(Status.UNAUTHENTICATED.withDescription("not the dashboard's key"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    private boolean answeredWithFailure(StreamObserver<?> response) {
        Status status = failure;
        if (status != null) {
            response.onError(status.asRuntimeException());
            return true;
        }
        return false;
    }
}
