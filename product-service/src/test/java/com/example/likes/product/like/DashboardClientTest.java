package com.example.likes.product.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.grpc.auth.ApiKeys;
import com.example.likes.product.FakeDashboard;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard client on its own, against a fake dashboard over a real port, without Spring. */
class DashboardClientTest {

    // Generous, so that the first answer of a busy machine is not taken for a slow dashboard; the test of the deadline
    // uses a short one of its own.
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(300);

    private static FakeDashboard dashboard;

    private ManagedChannel channel;
    private DashboardClient client;

    @BeforeAll
    static void startDashboard() {
        dashboard = FakeDashboard.start();
    }

    @AfterAll
    static void stopDashboard() {
        dashboard.stop();
    }

    @BeforeEach
    void connect() {
        dashboard.reset();
        channel = ManagedChannelBuilder.forTarget(dashboard.target())
                .usePlaintext()
                .intercept(ApiKeys.clientInterceptor(FakeDashboard.API_KEY))
                .build();
        client = new DashboardClient(channel, DEADLINE);
        // Connected before the test's first call, so that its short deadline does not also have to cover the connect
        // on a busy machine.
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.getState(true) == ConnectivityState.READY);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void likingReturnsTheDashboardsCount() {
        UUID product = UUID.randomUUID();
        dashboard.givenProduct(product, 9);

        assertThat(client.likeProduct(product, dashboard.givenUser(UUID.randomUUID())))
                .isEqualTo(10);
    }

    @Test
    void likingAProductTheDashboardDoesNotKnowBecomesNotFound() {
        UUID product = UUID.randomUUID();

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> client.likeProduct(product, dashboard.givenUser(UUID.randomUUID())))
                .withMessage("Product " + product + " not found");
        assertThat(dashboard.likeProductCalls()).isEqualTo(1);
    }

    @Test
    void likingByAUserTheDashboardDoesNotKnowBecomesNotFoundNamingTheUserAfterOneCall() {
        UUID product = UUID.randomUUID();
        dashboard.givenProduct(product, 0);
        UUID stranger = UUID.randomUUID();

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> client.likeProduct(product, stranger))
                .withMessageStartingWith("User " + stranger + " not found: register first")
                .satisfies(e -> assertThat(e.entity()).isEqualTo("User"));
        assertThat(dashboard.likeProductCalls()).isEqualTo(1);
        assertThat(dashboard.likesOf(product)).isZero();
    }

    @Test
    void anUnavailableDashboardIsRethrownWithItsCode() {
        dashboard.answerUnavailable();

        assertThatExceptionOfType(StatusRuntimeException.class)
                .isThrownBy(() -> client.likeProduct(UUID.randomUUID(), UUID.randomUUID()))
                .satisfies(e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void aDashboardSlowerThanTheDeadlineIsDeadlineExceeded() {
        UUID product = UUID.randomUUID();
        dashboard.givenProduct(product, 0);
        UUID user = dashboard.givenUser(UUID.randomUUID());
        dashboard.answerAfter(SHORT_DEADLINE.multipliedBy(5));
        DashboardClient impatient = new DashboardClient(channel, SHORT_DEADLINE);

        assertThatExceptionOfType(StatusRuntimeException.class)
                .isThrownBy(() -> impatient.likeProduct(product, user))
                .satisfies(e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }
}
