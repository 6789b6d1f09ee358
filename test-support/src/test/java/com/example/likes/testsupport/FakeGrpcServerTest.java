package com.example.likes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fake of another service's gRPC server, played here by the standard health service's descriptor. */
class FakeGrpcServerTest {

    private static final String KEY = "test-caller-key-0001";

    private final FakeGrpcServer fake = FakeGrpcServer.start(KEY, HealthGrpc.getServiceDescriptor());
    private final ManagedChannel connection =
            ManagedChannelBuilder.forTarget(fake.target()).usePlaintext().build();

    @AfterEach
    void stop() throws InterruptedException {
        connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        fake.close();
    }

    @Nested
    class Answers {

        @Test
        void aMethodAnswersAsTheTestSaysAndTheCallIsRecorded() {
            fake.answer(
                    HealthGrpc.getCheckMethod(),
                    request -> HealthCheckResponse.newBuilder()
                            .setStatus(
                                    request.getService().equals("known")
                                            ? ServingStatus.SERVING
                                            : ServingStatus.UNKNOWN)
                            .build());

            var answer = health(KEY).withDeadlineAfter(3, TimeUnit.SECONDS).check(request("known"));

            assertThat(answer.getStatus()).isEqualTo(ServingStatus.SERVING);
            assertThat(fake.requests(HealthGrpc.getCheckMethod())).containsExactly(request("known"));
            assertThat(fake.calls()).singleElement().satisfies(call -> {
                assertThat(call.method()).isEqualTo("grpc.health.v1.Health/Check");
                assertThat(call.deadline()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
            });
        }

        @Test
        void aCallWithoutADeadlineIsRecordedWithout() {
            fake.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());

            health(KEY).check(request(""));

            assertThat(fake.calls())
                    .singleElement()
                    .satisfies(call -> assertThat(call.deadline()).isNull());
        }

        @Test
        void aFailureIsTheCallsStatus() {
            fake.fail(HealthGrpc.getCheckMethod(), Status.NOT_FOUND.withDescription("no such service"));

            var failure = failing(() -> health(KEY).check(request("unknown")));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.getStatus().getDescription()).isEqualTo("no such service");
        }

        @Test
        void aMethodWithoutAnAnswerIsUnimplementedNamingIt() {
            var failure = failing(() -> health(KEY).check(request("")));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(failure.getStatus().getDescription()).contains("grpc.health.v1.Health/Check");
        }

        @Test
        void aStreamingMethodIsUnimplemented() {
            var failure = failing(() -> health(KEY).watch(request("")).hasNext());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        }

        @Test
        void anAnswerForAMethodItDoesNotServeIsRefused() {
            assertThatThrownBy(() -> fake.answer(
                            io.grpc.reflection.v1.ServerReflectionGrpc.getServerReflectionInfoMethod(),
                            request -> null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ServerReflectionInfo");
        }

        @Test
        void aLateAnswerMissesAShorterDeadlineAndMeetsALongerOne() {
            fake.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());
            fake.answerAfter(Duration.ofMillis(500));

            var missed = failing(() ->
                    health(KEY).withDeadlineAfter(100, TimeUnit.MILLISECONDS).check(request("")));
            var met = health(KEY).withDeadlineAfter(10, TimeUnit.SECONDS).check(request(""));

            assertThat(missed.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(met).isEqualTo(HealthCheckResponse.getDefaultInstance());
            assertThat(fake.calls()).hasSize(2);
        }

        @Test
        void asAJUnitExtensionEachTestStartsAfresh() {
            fake.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());
            health(KEY).check(request(""));
            fake.stop();
            // A call made before the client has seen the connection close would fail on the closing connection.
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.getState(false) != ConnectivityState.READY);

            fake.beforeEach(null);

            assertThat(fake.calls()).isEmpty();
            assertThat(failing(() -> health(KEY)
                                    .withWaitForReady()
                                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                                    .check(request("")))
                            .getStatus()
                            .getCode())
                    .isEqualTo(Status.Code.UNIMPLEMENTED);
        }

        @Test
        void resetForgetsAnswersCallsAndDelays() {
            fake.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());
            health(KEY).check(request(""));
            fake.answerAfter(Duration.ofMinutes(1));

            fake.reset();

            assertThat(fake.calls()).isEmpty();
            assertThat(failing(() -> health(KEY)
                                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                                    .check(request("")))
                            .getStatus()
                            .getCode())
                    .isEqualTo(Status.Code.UNIMPLEMENTED);
        }
    }

    @Nested
    class Keys {

        @Test
        void aCallWithoutTheKeyIsUnauthenticatedAndCounted() {
            fake.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());

            var failure = failing(() -> health("test-another-key-0001").check(request("")));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(fake.refusedCalls()).isEqualTo(1);
            assertThat(fake.calls()).isEmpty();
        }
    }

    @Nested
    class Outages {

        @Test
        void aStoppedServerIsUnavailableUntilItRestartsAtTheSameTarget() {
            fake.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());
            String target = fake.target();

            fake.stop();
            var failure = failing(() -> health(KEY).check(request("")));
            fake.restart();

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(fake.target()).isEqualTo(target);
            assertThat(health(KEY)
                            .withWaitForReady()
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .check(request(""))
                            .getStatus())
                    .isEqualTo(ServingStatus.UNKNOWN);
        }
    }

    private HealthGrpc.HealthBlockingStub health(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key);
        Channel channel = ClientInterceptors.intercept(connection, MetadataUtils.newAttachHeadersInterceptor(headers));
        return HealthGrpc.newBlockingStub(channel);
    }

    private static HealthCheckRequest request(String service) {
        return HealthCheckRequest.newBuilder().setService(service).build();
    }

    private static StatusRuntimeException failing(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run);
    }
}
