package com.example.likes.product.like;

import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc.ProductServiceBlockingStub;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;

/**
 * The dashboard as this service needs it: counting a like.
 *
 * <p>Takes a {@link Channel}, not a {@code ManagedChannel}: the channel belongs to whoever created it (Spring, through
 * the platform's {@code GrpcClients}, or a test), and this class never shuts it down. Every call carries a deadline,
 * the channel's unless a test gives another. A NOT_FOUND answer becomes a
 * {@link NotFoundException} for the entity the dashboard names in it; any other failure is rethrown as it came, and
 * the REST error handler maps its code (UNAVAILABLE to 503, DEADLINE_EXCEEDED to 504 ...).
 */
class DashboardClient {

    /** The {@code resource_type} of the dashboard's NOT_FOUND for an unknown user ({@code dashboard.v1} contract). */
    static final String USER = "User";

    private final ProductServiceBlockingStub products;
    private final Duration deadline;

    DashboardClient(Channel channel, Duration deadline) {
        this.products = ProductServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /**
     * Has the dashboard count that {@code userId} likes {@code productId}; counting the same pair again changes
     * nothing. Returns the product's like count after the like. One call, whatever its outcome: the dashboard's
     * NOT_FOUND says in its {@code google.rpc.ResourceInfo} whether the user or the product is unknown.
     *
     * @throws NotFoundException when the dashboard does not know the product (it may have been deleted there) or
     *     the user (who has not registered)
     */
    long likeProduct(UUID productId, UUID userId) {
        LikeProductRequest request = LikeProductRequest.newBuilder()
                .setId(productId.toString())
                .setUserId(userId.toString())
                .build();
        try {
            return products.withDeadlineAfter(deadline)
                    .likeProduct(request)
                    .getProduct()
                    .getLikes();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                boolean unknownUser = StatusMapping.missingResource(e)
                        .filter(missing -> USER.equals(missing.getResourceType()))
                        .isPresent();
                throw unknownUser ? unregistered(userId) : new NotFoundException("Product", productId);
            }
            throw e;
        }
    }

    private static NotFoundException unregistered(UUID userId) {
        return new NotFoundException(
                USER,
                userId,
                "User %s not found: register first with POST /api/users on the dashboard, with the same token"
                        .formatted(userId));
    }
}
