package com.example.likes.product;

import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.LikeProductResponse;
import com.example.likes.protos.dashboard.v1.Product;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.google.protobuf.Any;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fake of dashboard-service's gRPC side as product-service uses it (LikeProduct): a real grpc-java server on a free
 * port of this JVM, with in-memory users and products. Like the real one, it counts a (product, user) like once
 * however often it is sent, and refuses calls without product-service's key ({@link #API_KEY}) with UNAUTHENTICATED.
 * Tests can make it answer UNAVAILABLE or RESOURCE_EXHAUSTED, answer late, or stop, to see how product-service copes.
 */
public final class FakeDashboard {

    /** The key product-service must present; the test configuration gives it to product-service's channel. */
    public static final String API_KEY = "test-product-service-key";

    private static final Metadata.Key<String> API_KEY_HEADER =
            Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final int NO_OUTAGE = -1;

    private static FakeDashboard shared;

    private final Set<UUID> users = ConcurrentHashMap.newKeySet();
    private final Map<UUID, LikedProduct> products = new ConcurrentHashMap<>();
    private final AtomicInteger likeProductCalls = new AtomicInteger();
    private final AtomicInteger unavailableAnswersLeft = new AtomicInteger();
    private final AtomicInteger answersBeforeOutage = new AtomicInteger(NO_OUTAGE);
    private final AtomicInteger refusedCalls = new AtomicInteger();
    private volatile Duration rateLimitedFor;
    private volatile Duration answerDelay = Duration.ZERO;
    private Server server;
    private int port;

    private FakeDashboard() {}

    /** A fake dashboard of its own, on a free port; the caller stops it. */
    public static FakeDashboard start() {
        FakeDashboard dashboard = new FakeDashboard();
        dashboard.startOn(0);
        return dashboard;
    }

    /** The fake dashboard of the Spring test suite, started on first use, as the Spring context is started once. */
    public static synchronized FakeDashboard shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "fake-dashboard-stop"));
        }
        return shared;
    }

    /** The gRPC target of this server, for {@code spring.grpc.client.channel.dashboard-service.target}. */
    public String target() {
        return "localhost:" + port;
    }

    /** Forgets every user, product and call, and answers normally again. */
    public void reset() {
        users.clear();
        products.clear();
        likeProductCalls.set(0);
        refusedCalls.set(0);
        answerNormally();
    }

    /** A user the dashboard knows: one who registered, with the id every service derives from their token. */
    public UUID givenUser(UUID id) {
        users.add(id);
        return id;
    }

    public void givenProduct(UUID id, long likes) {
        products.put(id, new LikedProduct(likes));
    }

    /** Forgets a product, as a dashboard that deleted it does. */
    public void forgetProduct(UUID id) {
        products.remove(id);
    }

    /** Answers the next {@code calls} calls, whichever rpc they are, with UNAVAILABLE. */
    public void answerUnavailable(int calls) {
        unavailableAnswersLeft.set(calls);
    }

    /** Answers every call with UNAVAILABLE until {@link #answerNormally()}. */
    public void answerUnavailable() {
        answerUnavailable(Integer.MAX_VALUE);
    }

    /** Answers the next {@code calls} calls normally, and every call after them with UNAVAILABLE. */
    public void answerUnavailableAfter(int calls) {
        answersBeforeOutage.set(calls);
    }

    /** Answers every call with RESOURCE_EXHAUSTED and a {@code google.rpc.RetryInfo} of {@code retryAfter}. */
    public void answerRateLimited(Duration retryAfter) {
        rateLimitedFor = retryAfter;
    }

    /** Answers every call only after {@code delay}. */
    public void answerAfter(Duration delay) {
        answerDelay = delay;
    }

    public void answerNormally() {
        unavailableAnswersLeft.set(0);
        answersBeforeOutage.set(NO_OUTAGE);
        answerDelay = Duration.ZERO;
        rateLimitedFor = null;
    }

    public synchronized void stop() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts again on the same port, so that clients reach it at the same target. */
    public synchronized void restart() {
        startOn(port);
    }

    /** How many LikeProduct calls reached this server, retries included. */
    public int likeProductCalls() {
        return likeProductCalls.get();
    }

    /** How many calls came without product-service's key, and were refused. */
    public int refusedCalls() {
        return refusedCalls.get();
    }

    /** The like count of a product, as LikeProduct would return it. */
    public long likesOf(UUID product) {
        return products.get(product).count();
    }

    private void startOn(int requestedPort) {
        try {
            server = ServerBuilder.forPort(requestedPort)
                    .addService(ServerInterceptors.intercept(new Products(), new RequireApiKey()))
                    .build()
                    .start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake dashboard on port " + requestedPort, e);
        }
    }

    private <T> void answer(StreamObserver<T> responses, Supplier<T> outcome) {
        Duration delay = answerDelay;
        if (delay.isZero()) {
            reply(responses, outcome);
        } else {
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> reply(responses, outcome));
        }
    }

    private <T> void reply(StreamObserver<T> responses, Supplier<T> outcome) {
        T response;
        try {
            Duration limited = rateLimitedFor;
            if (limited != null) {
                throw rateLimited(limited);
            }
            if (answeringUnavailable()) {
                throw Status.UNAVAILABLE
                        .withDescription("the fake dashboard is down")
                        .asRuntimeException();
            }
            response = outcome.get();
        } catch (StatusRuntimeException failure) {
            responses.onError(failure);
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }

    private boolean answeringUnavailable() {
        int beforeOutage = answersBeforeOutage.getAndUpdate(left -> left > 0 ? left - 1 : left);
        if (beforeOutage != NO_OUTAGE) {
            return beforeOutage == 0;
        }
        return unavailableAnswersLeft.getAndUpdate(left -> Math.max(left - 1, 0)) > 0;
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("not a UUID: " + text).asRuntimeException();
        }
    }

    private static StatusRuntimeException rateLimited(Duration retryAfter) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                .setMessage("rate limit of product-service reached")
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(retryAfter.toSeconds()))
                        .build()))
                .build());
    }

    /** What the real dashboard's platform does: no call without the key. */
    private final class RequireApiKey implements ServerInterceptor {

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (!API_KEY.equals(headers.get(API_KEY_HEADER))) {
                refusedCalls.incrementAndGet();
                call.close(Status.UNAUTHENTICATED.withDescription("not product-service's key"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    // As the dashboard answers it (dashboard.v1's contract): NOT_FOUND with a google.rpc.ResourceInfo naming the
    // entity, which product-service branches on, never on the text.
    private static StatusRuntimeException notFound(String entity, UUID id) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.NOT_FOUND.value())
                .setMessage("%s %s not found".formatted(entity, id))
                .addDetails(Any.pack(ResourceInfo.newBuilder()
                        .setResourceType(entity)
                        .setResourceName(id.toString())
                        .build()))
                .build());
    }

    private record LikedProduct(long initialLikes, Set<UUID> likedBy) {

        LikedProduct(long initialLikes) {
            this(initialLikes, ConcurrentHashMap.newKeySet());
        }

        long count() {
            return initialLikes + likedBy.size();
        }
    }

    private final class Products extends ProductServiceGrpc.ProductServiceImplBase {

        @Override
        public void likeProduct(LikeProductRequest request, StreamObserver<LikeProductResponse> responses) {
            likeProductCalls.incrementAndGet();
            answer(responses, () -> {
                UUID id = parse(request.getId());
                LikedProduct product = products.get(id);
                UUID user = parse(request.getUserId());
                if (product == null) {
                    throw notFound("Product", id);
                }
                if (!users.contains(user)) {
                    throw notFound("User", user);
                }
                product.likedBy().add(user);
                return LikeProductResponse.newBuilder()
                        .setProduct(Product.newBuilder().setId(request.getId()).setLikes(product.count()))
                        .build();
            });
        }
    }
}
