package com.example.likes.product.like;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.AlreadyExistsException;
import com.example.likes.platform.error.NotFoundException;
import java.util.UUID;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Service;

/**
 * Liking a product: recorded here (who liked what) and counted by the dashboard (how many like it).
 *
 * <p>The dashboard counts first and the like is recorded here only after it did, so that a like this service
 * shows is always one the dashboard counts. A request that fails in between leaves no row here; as the dashboard
 * counts a (product, user) pair once, repeating the request is safe. No transaction spans the remote calls, and
 * none is needed here: each of the two statements a like makes here stands alone, in auto-commit.
 *
 * <p>A like makes one call to the dashboard, LikeProduct, which refuses an unknown product or user itself.
 */
@Service
class LikeService {

    static final String ALREADY_LIKED = "You already liked this product";

    private final LikeRepository likes;
    private final DashboardClient dashboard;

    LikeService(LikeRepository likes, DashboardClient dashboard) {
        this.likes = likes;
        this.dashboard = dashboard;
    }

    /**
     * Records that a user likes a product.
     *
     * @param userId who likes it: the caller ({@code EndUser#id()} of the request's token)
     * @throws NotFoundException when the product or the user is unknown
     * @throws AlreadyExistsException when this user liked this product before
     * @throws io.grpc.StatusRuntimeException when the dashboard could not be asked (for example UNAVAILABLE)
     */
    @Retryable(
            predicate = TransientFaults.AnyTransient.class,
            maxRetries = 1,
            delay = TransientFaults.RETRY_DELAY_MILLIS)
    RecordedLike like(UUID productId, UUID userId) {
        boolean liked =
                likes.likedIfLive(productId, userId).orElseThrow(() -> new NotFoundException("Product", productId));
        if (liked) {
            throw new AlreadyExistsException(ALREADY_LIKED);
        }
        long count = dashboard.likeProduct(productId, userId);
        if (!likes.insertIfAbsent(productId, userId)) {
            throw new AlreadyExistsException(ALREADY_LIKED);
        }
        return new RecordedLike(productId, userId, count);
    }
}
