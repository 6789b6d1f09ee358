package com.example.likes.product.like;

import com.example.likes.platform.error.NotFoundException;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc.ProductServiceBlockingStub;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc.UserServiceBlockingStub;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard as this service needs it: who a user is, and counting a like.
 *
 * <p>Takes a {@link Channel}, not a {@code ManagedChannel}: the channel belongs to whoever created it (Spring, or
 * a test), and this class never shuts it down. Every call carries a deadline. A NOT_FOUND answer becomes a
 * {@link NotFoundException}; any other failure is rethrown as it came, and the REST error handler maps its code
 * (UNAVAILABLE to 503, DEADLINE_EXCEEDED to 504 ...).
 */
class DashboardClient {

    private final UserServiceBlockingStub users;
    private final ProductServiceBlockingStub products;
    private final Duration deadline;

    DashboardClient(Channel channel, Duration deadline) {
        this.users = UserServiceGrpc.newBlockingStub(channel);
        this.products = ProductServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /**
     * The id of the user with {@code id}, or of a random user when {@code id} is {@code null}.
     *
     * @throws NotFoundException when the dashboard has no such user (or no user at all)
     */
    UUID findUser(@Nullable UUID id) {
        GetUserRequest request = GetUserRequest.newBuilder()
                .setId(id == null ? "" : id.toString())
                .build();
        try {
            return UUID.fromString(
                    users.withDeadlineAfter(deadline).getUser(request).getUser().getId());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw id == null
                        ? new NotFoundException("The dashboard has no users")
                        : new NotFoundException("User", id);
            }
            throw e;
        }
    }

    /**
     * Has the dashboard count that {@code userId} likes {@code productId}; counting the same pair again changes
     * nothing. Returns the product's like count after the like.
     *
     * @throws NotFoundException when the dashboard does not know the product (it may have been deleted there) or
     *     the user: LikeProduct answers NOT_FOUND for either, and only then is the dashboard asked about the user,
     *     so that the common case makes one call
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
                findUser(userId);
                throw new NotFoundException("Product", productId);
            }
            throw e;
        }
    }
}
