package com.example.likes.testsupport;

import static com.example.likes.testsupport.GrpcAdmission.untilAdmitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

class GrpcAdmissionTest {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    private final AtomicInteger sent = new AtomicInteger();

    @Test
    void aRefusedCallIsSentAgainUntilItIsAnswered() {
        String answer = untilAdmitted(Duration.ofSeconds(5), INTERVAL, () -> {
            if (sent.incrementAndGet() < 3) {
                throw Status.UNAVAILABLE.withDescription("at its capacity").asRuntimeException();
            }
            return "liked";
        });

        assertThat(answer).isEqualTo("liked");
        assertThat(sent).hasValue(3);
    }

    @Test
    void anyOtherFailureEndsItAtOnce() {
        assertThatThrownBy(() -> untilAdmitted(Duration.ofSeconds(5), INTERVAL, () -> {
                    sent.incrementAndGet();
                    throw Status.NOT_FOUND.asRuntimeException();
                }))
                .satisfies(failure ->
                        assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThat(sent).hasValue(1);
    }

    @Test
    void aCallRefusedForLongerThanItWaitsFails() {
        assertThatThrownBy(() -> untilAdmitted(Duration.ofMillis(200), INTERVAL, () -> {
                    throw Status.UNAVAILABLE.asRuntimeException();
                }))
                .isInstanceOf(ConditionTimeoutException.class);
    }
}
