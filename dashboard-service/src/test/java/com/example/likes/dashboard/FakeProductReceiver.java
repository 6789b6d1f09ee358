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
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server in the test JVM that plays product-service's {@code ProductReceiverService}: it records
 * every call it gets and answers OK, or fails every call with a status while told to.
 */
public final class FakeProductReceiver extends ProductReceiverServiceGrpc.ProductReceiverServiceImplBase {

    /** One call as the receiver got it; {@code title} is empty for a delete. */
    public record Received(String change, String productId, String title, long version, Long deadlineMillis) {}

    private static FakeProductReceiver instance;

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Status failure;
    private final Server server;

    private FakeProductReceiver() {
        try {
            server = ServerBuilder.forPort(0).addService(this).build().start();
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
