package com.example.likes.dashboard.replication;

import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.Paging;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Replication for operators, on the management port behind the operator's credential: {@code GET
 * /actuator/replication} shows the backlog and a page of the events parked as failed ({@code ?page=0&size=20});
 * {@code POST /actuator/replication} sends every parked event again, {@code POST /actuator/replication/{id}} one of
 * them.
 */
@Endpoint(id = "replication")
class ReplicationEndpoint {

    private final ReplicationService replication;

    ReplicationEndpoint(ReplicationService replication) {
        this.replication = replication;
    }

    @ReadOperation
    WebEndpointResponse<?> backlog(@Nullable Integer page, @Nullable Integer size) {
        try {
            var failed = replication.failed(Paging.byCreationTime(page == null ? 0 : page, size == null ? 20 : size));
            ReplicationBacklog backlog = replication.backlog();
            return new WebEndpointResponse<>(new BacklogResponse(
                    backlog.pending(),
                    backlog.failed(),
                    backlog.oldestPendingAge(),
                    PageResponse.of(failed, FailedEventResponse::from)));
        } catch (InvalidInputException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @WriteOperation
    WebEndpointResponse<RetryResponse> retryAll() {
        return new WebEndpointResponse<>(new RetryResponse(replication.retryAll()), HttpStatus.ACCEPTED.value());
    }

    @WriteOperation
    WebEndpointResponse<?> retry(@Selector UUID id) {
        try {
            replication.retry(id);
            return new WebEndpointResponse<>(new RetryResponse(1), HttpStatus.ACCEPTED.value());
        } catch (NotFoundException e) {
            return problem(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    // Actuator endpoints do not pass through the REST port's @RestControllerAdvice.
    private static WebEndpointResponse<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
        return new WebEndpointResponse<>(ProblemDetail.forStatusAndDetail(status, detail), status.value());
    }

    /**
     * @param pending events not delivered yet, failed ones excluded
     * @param failed events parked as failed
     * @param oldestPendingAge how long ago the oldest pending event was committed (ISO-8601, {@code PT0S} if none)
     * @param failedEvents the requested page of the failed events, oldest first
     */
    record BacklogResponse(
            long pending, long failed, Duration oldestPendingAge, PageResponse<FailedEventResponse> failedEvents) {}

    /** A failed event: which change of which product, and why its last attempt failed. */
    record FailedEventResponse(
            UUID id,
            UUID productId,
            String change,
            long productVersion,
            int attempts,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant failedAt) {

        static FailedEventResponse from(ReplicationEvent event) {
            return new FailedEventResponse(
                    event.id(),
                    event.productId(),
                    event.change().column(),
                    event.productVersion(),
                    event.attempts(),
                    event.lastError(),
                    event.createdAt(),
                    event.failedAt());
        }
    }

    /** @param retried how many failed events were made pending again */
    record RetryResponse(int retried) {}
}
