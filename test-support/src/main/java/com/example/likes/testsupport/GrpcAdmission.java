package com.example.likes.testsupport;

import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A gRPC call sent again while the server refuses it as beyond its admission limit ({@code UNAVAILABLE}), as the
 * services' own clients send it. A test of many concurrent calls checks what each call did, not whether the server
 * had room for all of them at once.
 */
public final class GrpcAdmission {

    private GrpcAdmission() {}

    /**
     * The answer of {@code call}, sent again every {@code interval} while it is refused with {@code UNAVAILABLE}.
     *
     * @param call a call that answers something other than {@code null}
     * @throws org.awaitility.core.ConditionTimeoutException when it is still refused after {@code atMost}
     * @throws RuntimeException any other failure of the call, at once
     */
    public static <T> T untilAdmitted(Duration atMost, Duration interval, Callable<T> call) {
        return await().atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(interval)
                .ignoreExceptionsMatching(
                        refused -> Status.fromThrowable(refused).getCode() == Status.Code.UNAVAILABLE)
                .until(call, Objects::nonNull);
    }
}
