package com.example.likes.testsupport;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Another service's gRPC server, as a service's tests need it: a real grpc-java server on a free port of this JVM
 * that serves the gRPC services it is given (their generated descriptors, such as
 * {@code UserServiceGrpc.getServiceDescriptor()}) and answers each method as the test says. Like a server of the
 * platform, it refuses a call without the key it was given (UNAUTHENTICATED). A method the test gave no answer is
 * UNIMPLEMENTED, so a test never passes on an answer it did not choose.
 *
 * <pre>{@code
 * dashboard.answer(ProductServiceGrpc.getGetProductMethod(), request -> GetProductResponse.newBuilder()...build());
 * dashboard.fail(ProductServiceGrpc.getGetProductMethod(), Status.NOT_FOUND);
 * dashboard.answerAfter(Duration.ofSeconds(2));   // to see the caller's deadline pass
 * dashboard.stop();   // calls find it UNAVAILABLE until restart() or reset()
 * }</pre>
 *
 * <p>It records every call it took ({@link #calls()}): the method, the request and the deadline the call came with;
 * and counts those it refused ({@link #refusedCalls()}). Held in a {@code static} field with
 * {@code @RegisterExtension}, it starts every test as {@link #reset()} leaves it, and lives as long as the test JVM.
 */
public final class FakeGrpcServer implements BeforeEachCallback, AutoCloseable {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    /**
     * One call the server took (it presented the key), answered with a response or a status.
     *
     * @param deadline how long the call had left when it arrived, or {@code null} when it came without a deadline
     */
    public record Call(
            String method, Object request, @Nullable Duration deadline) {}

    private final String apiKey;
    private final List<ServiceDescriptor> services;
    private final Map<String, Function<Object, Object>> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedCalls = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private @Nullable Server server;
    private int port;

    private FakeGrpcServer(String apiKey, List<ServiceDescriptor> services) {
        this.apiKey = apiKey;
        this.services = services;
    }

    /** A server of {@code services} on a free port that takes calls presenting {@code apiKey}. */
    public static FakeGrpcServer start(String apiKey, ServiceDescriptor... services) {
        if (services.length == 0) {
            throw new IllegalArgumentException("a fake server needs at least one service to serve");
        }
        FakeGrpcServer fake = new FakeGrpcServer(apiKey, List.of(services));
        fake.startOn(0);
        return fake;
    }

    /** Where it listens, as a gRPC target: {@code spring.grpc.client.channel.<name>.target}. */
    public String target() {
        return "localhost:" + port;
    }

    /** The key it takes: {@code platform.grpc.client.api-keys.<name>}. */
    public String apiKey() {
        return apiKey;
    }

    /**
     * Answers {@code method} with what {@code answer} makes of each request; a {@link StatusRuntimeException} it
     * throws is the call's status ({@code throw Status.NOT_FOUND.asRuntimeException()}).
     */
    @SuppressWarnings("unchecked")
    public <Q, R> void answer(MethodDescriptor<Q, R> method, Function<? super Q, ? extends R> answer) {
        servedMethod(method.getFullMethodName());
        answers.put(method.getFullMethodName(), request -> answer.apply((Q) request));
    }

    /** Answers every call of {@code method} with {@code status}. */
    public void fail(MethodDescriptor<?, ?> method, Status status) {
        servedMethod(method.getFullMethodName());
        answers.put(method.getFullMethodName(), request -> {
            throw status.asRuntimeException();
        });
    }

    /** Answers every call only after {@code delay}, holding no thread meanwhile, until {@link #reset()}. */
    public void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /** Every call it took, oldest first. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The requests of every call of {@code method} it took, oldest first. */
    @SuppressWarnings("unchecked")
    public <Q> List<Q> requests(MethodDescriptor<Q, ?> method) {
        return calls.stream()
                .filter(call -> call.method().equals(method.getFullMethodName()))
                .map(call -> (Q) call.request())
                .toList();
    }

    /** How many calls it refused for a missing or wrong key. */
    public int refusedCalls() {
        return refusedCalls.get();
    }

    /** Forgets every answer and call, and listens again if it was stopped: each test starts from here. */
    public synchronized void reset() {
        answers.clear();
        calls.clear();
        refusedCalls.set(0);
        delay = Duration.ZERO;
        if (server == null) {
            startOn(port);
        }
    }

    /** Stops listening: calls find the server UNAVAILABLE until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** Listens again on the same port, so that clients reach it at the same target. */
    public synchronized void restart() {
        if (server == null) {
            startOn(port);
        }
    }

    @Override
    public void beforeEach(ExtensionContext test) {
        reset();
    }

    @Override
    public void close() {
        stop();
    }

    private void servedMethod(String fullMethodName) {
        boolean served = services.stream()
                .flatMap(service -> service.getMethods().stream())
                .anyMatch(method -> method.getFullMethodName().equals(fullMethodName));
        if (!served) {
            throw new IllegalArgumentException("this fake serves no method " + fullMethodName);
        }
    }

    private void startOn(int requestedPort) {
        var builder = Grpc.newServerBuilderForPort(requestedPort, InsecureServerCredentials.create());
        for (ServiceDescriptor service : services) {
            ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service);
            service.getMethods().forEach(method -> add(definition, method));
            builder.addService(ServerInterceptors.intercept(definition.build(), new RequireApiKey()));
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a fake gRPC server on port " + requestedPort, e);
        }
        port = server.getPort();
    }

    private <Q, R> void add(ServerServiceDefinition.Builder definition, MethodDescriptor<Q, R> method) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            definition.addMethod(method, (call, headers) -> {
                call.close(Status.UNIMPLEMENTED.withDescription("a fake answers unary methods only"), new Metadata());
                return new ServerCall.Listener<>() {};
            });
            return;
        }
        definition.addMethod(method, ServerCalls.asyncUnaryCall((request, responses) -> {
            String name = method.getFullMethodName();
            Deadline deadline = Context.current().getDeadline();
            calls.add(new Call(
                    name,
                    request,
                    deadline == null ? null : Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS))));
            Duration late = delay;
            if (late.isZero()) {
                respond(name, request, responses);
            } else {
                CompletableFuture.delayedExecutor(late.toNanos(), TimeUnit.NANOSECONDS)
                        .execute(() -> respond(name, request, responses));
            }
        }));
    }

    private <Q, R> void respond(String name, Q request, StreamObserver<R> responses) {
        Function<Object, Object> answer = answers.get(name);
        if (answer == null) {
            responses.onError(Status.UNIMPLEMENTED
                    .withDescription("the test gave this fake no answer for " + name)
                    .asRuntimeException());
            return;
        }
        R response;
        try {
            @SuppressWarnings("unchecked")
            R answered = (R) answer.apply(request);
            response = answered;
        } catch (StatusRuntimeException failure) {
            responses.onError(failure);
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    /** What a server of the platform does: no call without the key. */
    private final class RequireApiKey implements ServerInterceptor {

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (!apiKey.equals(headers.get(API_KEY))) {
                refusedCalls.incrementAndGet();
                call.close(Status.UNAUTHENTICATED.withDescription("not the key this fake takes"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }
}
