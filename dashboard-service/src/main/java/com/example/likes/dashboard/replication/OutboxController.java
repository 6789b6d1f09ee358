package com.example.likes.dashboard.replication;

import com.example.likes.platform.web.PageResponse;
import com.example.likes.platform.web.Paging;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The outbox for operators: its backlog, the events parked as failed, and retrying them. */
@RestController
@RequestMapping("/api/admin/outbox")
class OutboxController {

    private final OutboxService outbox;

    OutboxController(OutboxService outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    BacklogResponse backlog() {
        OutboxBacklog backlog = outbox.backlog();
        return new BacklogResponse(backlog.pending(), backlog.failed(), backlog.oldestPendingAge());
    }

    @GetMapping("/failed")
    PageResponse<FailedEventResponse> failed(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return PageResponse.of(outbox.failed(Paging.byCreationTime(page, size)), FailedEventResponse::of);
    }

    @PostMapping("/failed/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RetryResponse retry(@PathVariable UUID id) {
        outbox.retry(id);
        return new RetryResponse(1);
    }

    @PostMapping("/failed/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RetryResponse retryAll() {
        return new RetryResponse(outbox.retryAll());
    }

    /**
     * @param pending events not delivered yet, failed ones excluded
     * @param failed events parked as failed
     * @param oldestPendingAge how long ago the oldest pending event was committed (ISO-8601, {@code PT0S} if none)
     */
    record BacklogResponse(long pending, long failed, Duration oldestPendingAge) {}

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

        static FailedEventResponse of(OutboxEvent event) {
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
