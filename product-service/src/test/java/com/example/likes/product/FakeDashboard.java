package com.example.likes.product;

import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.LikeProductResponse;
import com.example.likes.protos.dashboard.v1.Product;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.testsupport.FakeGrpcServer;
import com.google.protobuf.Any;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * dashboard-service's gRPC side as product-service uses it (LikeProduct), on test-support's {@link FakeGrpcServer},
 * with in-memory users and products. Like the real one, it counts a (product, user) like once however often it is
 * sent, and refuses calls without product-service's key ({@link #API_KEY}) with UNAUTHENTICATED. Tests can make it
 * answer UNAVAILABLE or RESOURCE_EXHAUSTED, answer late, or stop, to see how product-service copes.
 */
public final class FakeDashboard {

    /** The key product-service must present; the test configuration gives it to product-service's channel. */
    public static final String API_KEY = "test-product-service-key";

    private static final MethodDescriptor<LikeProductRequest, LikeProductResponse> LIKE_PRODUCT =
            ProductServiceGrpc.getLikeProductMethod();

    private static FakeDashboard shared;

    private final FakeGrpcServer server = FakeGrpcServer.start(API_KEY, ProductServiceGrpc.getServiceDescriptor());
    private final Set<UUID> users = ConcurrentHashMap.newKeySet();
    private final Map<UUID, LikedProduct> products = new ConcurrentHashMap<>();
    private final AtomicInteger unavailableAnswersLeft = new AtomicInteger();
    private volatile Duration rateLimitedFor;

    private FakeDashboard() {
        reset();
    }

    /** A fake dashboard of its own, on a free port; the caller stops it. */
    public static FakeDashboard start() {
        return new FakeDashboard();
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
        return server.target();
    }

    /** Forgets every user, product and call, answers normally again, and listens again if it was stopped. */
    public void reset() {
        server.reset();
        users.clear();
        products.clear();
        answerNormally();
        server.answer(LIKE_PRODUCT, this::likeProduct);
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

    /** Answers the next {@code calls} calls with UNAVAILABLE. */
    public void answerUnavailable(int calls) {
        unavailableAnswersLeft.set(calls);
    }

    /** Answers every call with UNAVAILABLE until {@link #answerNormally()}. */
    public void answerUnavailable() {
        answerUnavailable(Integer.MAX_VALUE);
    }

    /** Answers every call with RESOURCE_EXHAUSTED and a {@code google.rpc.RetryInfo} of {@code retryAfter}. */
    public void answerRateLimited(Duration retryAfter) {
        rateLimitedFor = retryAfter;
    }

    /** Answers every call only after {@code delay}. */
    public void answerAfter(Duration delay) {
        server.answerAfter(delay);
    }

    public void answerNormally() {
        unavailableAnswersLeft.set(0);
        rateLimitedFor = null;
        server.answerAfter(Duration.ZERO);
    }

    /** Stops listening: calls find the dashboard UNAVAILABLE until {@link #restart()}. */
    public void stop() {
        server.stop();
    }

    /** Listens again on the same port, so that clients reach it at the same target. */
    public void restart() {
        server.restart();
    }

    /** How many LikeProduct calls reached this server, retries included. */
    public int likeProductCalls() {
        return server.requests(LIKE_PRODUCT).size();
    }

    /** How many calls came without product-service's key, and were refused. */
    public int refusedCalls() {
        return server.refusedCalls();
    }

    /** The like count of a product, as LikeProduct would return it. */
    public long likesOf(UUID product) {
        return products.get(product).count();
    }

    private LikeProductResponse likeProduct(LikeProductRequest request) {
        Duration limited = rateLimitedFor;
        if (limited != null) {
            throw rateLimited(limited);
        }
        if (unavailableAnswersLeft.getAndUpdate(left -> Math.max(left - 1, 0)) > 0) {
            throw Status.UNAVAILABLE
                    .withDescription("the fake dashboard is down")
                    .asRuntimeException();
        }
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
}
