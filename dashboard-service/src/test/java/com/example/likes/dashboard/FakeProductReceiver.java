package com.example.likes.dashboard;

import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.CreateProductFromReceiverResponse;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverResponse;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductState;
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
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server in the test JVM that plays product-service's {@code ProductReceiverService}: it records
 * every call it gets and answers OK, or fails every call with a status while told to. Like the real one, it refuses
 * calls without the dashboard's key ({@link #API_KEY}) with {@code UNAUTHENTICATED}.
 */
public final class FakeProductReceiver extends ProductReceiverServiceGrpc.ProductReceiverServiceImplBase {

    /** The key the dashboard must present; the test configuration gives it to the dashboard's channel. */
    public static final String API_KEY = "test-dashboard-service-key";

    private static final Metadata.Key<String> API_KEY_HEADER =
            Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    /** One call as the receiver got it; {@code title} is empty for a delete. */
    public record Received(String change, String productId, String title, long version, Long deadlineMillis) {}

    private static FakeProductReceiver instance;

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Status failure;
    private final Server server;

    private FakeProductReceiver() {
        try {
            server = ServerBuilder.forPort(0)
                    .addService(ServerInterceptors.intercept(this, new RequireApiKey()))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake product-service", e);
        }
    }

    /** Starts the receiver the first time, and returns the same one after that. */
    static synchronized FakeProductReceiver startOnce() {
        if (instance == null) {
            instance = new FakeProductReceiver();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.server::shutdownNow, "fake-product-service-stop"));
        }
        return instance;
    }

    /** Where the dashboard's channel should point. */
    public String target() {
        return "localhost:" + server.getPort();
    }

    /** The calls received for one product, in arrival order (calls that were answered with a failure included). */
    public List<Received> receivedFor(String productId) {
        return received.stream().filter(r -> r.productId().equals(productId)).toList();
    }

    /** How many calls came without the dashboard's key, and were refused. */
    public int refusedCalls() {
        return refused.get();
    }

    /** Answers every call with {@code status} until {@link #recover()}. */
    public void failWith(Status status) {
        this.failure = status;
    }

    public void recover() {
        this.failure = null;
    }

    @Override
    public void createProductFromReceiver(
            CreateProductFromReceiverRequest request, StreamObserver<CreateProductFromReceiverResponse> response) {
        record("create", request.getProduct());
        answer(
                response,
                CreateProductFromReceiverResponse.newBuilder().setApplied(true).build());
    }

    @Override
    public void updateProductFromReceiver(
            UpdateProductFromReceiverRequest request, StreamObserver<UpdateProductFromReceiverResponse> response) {
        record("update", request.getProduct());
        answer(
                response,
                UpdateProductFromReceiverResponse.newBuilder().setApplied(true).build());
    }

    @Override
    public void deleteProductFromReceiver(
            DeleteProductFromReceiverRequest request, StreamObserver<DeleteProductFromReceiverResponse> response) {
        received.add(new Received("delete", request.getId(), "", request.getVersion(), deadlineMillis()));
        answer(
                response,
                DeleteProductFromReceiverResponse.newBuilder().setApplied(true).build());
    }

    private void record(String change, ProductState product) {
        received.add(new Received(change, product.getId(), product.getTitle(), product.getVersion(), deadlineMillis()));
    }

    private static Long deadlineMillis() {
        Deadline deadline = Context.current().getDeadline();
        return deadline == null ? null : deadline.timeRemaining(TimeUnit.MILLISECONDS);
    }

    /** What the real receiver's platform does: no call without the key. */
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

    private <T> void answer(StreamObserver<T> response, T ok) {
        Status status = failure;
        if (status != null) {
            response.onError(status.asRuntimeException());
            return;
        }
        response.onNext(ok);
        response.onCompleted();
    }
}
