package com.example.likes.platform.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.example.likes.platform.grpc.auth.GrpcAuthAutoConfiguration;
import com.example.likes.testsupport.FakeGrpcServer;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The channels to the servers a service calls: shared, with a key and a deadline on every call, or no start. */
class GrpcClientsTest {

    private static final String KEY = "test-caller-key-0001";

    private final FakeGrpcServer callee = FakeGrpcServer.start(KEY, HealthGrpc.getServiceDescriptor());

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class,
                    GrpcClientAutoConfiguration.class,
                    GrpcAuthAutoConfiguration.class,
                    GrpcClientsAutoConfiguration.class))
            .withPropertyValues("platform.grpc.auth.keys=someone:test-someone-key-0001");

    @AfterEach
    void stopCallee() {
        callee.close();
    }

    private ApplicationContextRunner configured() {
        return context.withPropertyValues(
                "spring.grpc.client.channel.callee-service.target=" + callee.target(),
                "spring.grpc.client.channel.callee-service.default.deadline=2s",
                "platform.grpc.client.api-keys.callee-service=" + KEY);
    }

    @Test
    void aStubsCallCarriesThisServicesKeyAndTheChannelsDeadline() {
        callee.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());

        configured().run(app -> {
            app.getBean(GrpcClients.class)
                    .stub("callee-service", HealthGrpc::newBlockingStub)
                    .check(HealthCheckRequest.getDefaultInstance());

            assertThat(callee.refusedCalls()).isZero();
            assertThat(callee.calls())
                    .singleElement()
                    .satisfies(call ->
                            assertThat(call.deadline()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2)));
        });
    }

    @Test
    void aCallWithADeadlineOfItsOwnKeepsIt() {
        callee.answer(HealthGrpc.getCheckMethod(), request -> HealthCheckResponse.getDefaultInstance());

        configured().run(app -> {
            app.getBean(GrpcClients.class)
                    .stub("callee-service", HealthGrpc::newBlockingStub)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());

            assertThat(callee.calls())
                    .singleElement()
                    .satisfies(call -> assertThat(call.deadline()).isGreaterThan(Duration.ofSeconds(10)));
        });
    }

    @Test
    void everyStubOfACalleeSharesOneChannel() {
        configured().run(app -> {
            GrpcClients clients = app.getBean(GrpcClients.class);

            assertThat(clients.channel("callee-service")).isSameAs(clients.channel("callee-service"));
            assertThat(clients.deadline("callee-service")).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void aCalleeWithoutSettingsIsRefusedNamingThem() {
        context.run(app -> assertThatIllegalStateException()
                .isThrownBy(() -> app.getBean(GrpcClients.class).channel("callee-service"))
                .withMessage("spring.grpc.client.channel.callee-service is not configured: give it a target, TLS, a"
                        + " default deadline and a key (see docs/adding-a-service.md)"));
    }

    @Test
    void aChannelWithoutADeadlineIsRefused() {
        context.withPropertyValues(
                        "spring.grpc.client.channel.callee-service.target=" + callee.target(),
                        "platform.grpc.client.api-keys.callee-service=" + KEY)
                .run(app -> assertThatIllegalStateException()
                        .isThrownBy(() -> app.getBean(GrpcClients.class).channel("callee-service"))
                        .withMessage("spring.grpc.client.channel.callee-service.default.deadline is not set: every call"
                                + " to callee-service needs a deadline"));
    }

    @Test
    void aChannelWithoutAKeyIsRefused() {
        context.withPropertyValues(
                        "spring.grpc.client.channel.callee-service.target=" + callee.target(),
                        "spring.grpc.client.channel.callee-service.default.deadline=2s")
                .run(app -> assertThatIllegalStateException()
                        .isThrownBy(() -> app.getBean(GrpcClients.class).channel("callee-service"))
                        .withMessage("platform.grpc.client.api-keys.callee-service is not set: callee-service refuses a"
                                + " call without this service's key"));
    }
}
