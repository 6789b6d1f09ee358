package com.example.likes.platform.grpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.Gate;
import com.example.likes.platform.testapp.TestApp;
import com.example.likes.platform.testapp.TestGrpcService;
import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** What the gRPC server does at shutdown, and how many calls a connection may have open: each test starts its own. */
class GrpcServerShutdownTest {

    private final int port = StackSettings.freePort();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isActive()) {
            app.getBean(Gate.class).open();
            app.close();
        }
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void atShutdownHealthTurnsNotServingFirstThenNewCallsAreRefusedAndTheCallInFlightFinishes() throws Exception {
        app = TestApp.start(
                port, "platform.grpc.server.shutdown-delay=2s", "spring.grpc.server.shutdown.grace-period=20s");
        Gate gate = app.getBean(Gate.class);
        Future<StringValue> inFlight = callWait(channel());
        await().until(gate::entered);
        ManagedChannel watching = channel();
        Queue<ServingStatus> watched = watchHealth(watching);
        await().until(() -> watched.contains(ServingStatus.SERVING));

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(app::close);

        await().until(() -> watched.contains(ServingStatus.NOT_SERVING));
        watching.shutdownNow();
        assertThat(inFlight).isNotDone();
        await().atMost(Duration.ofSeconds(10)).until(() -> codeOfNewCall() == Status.Code.UNAVAILABLE);
        assertThat(inFlight).isNotDone();
        gate.open();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).getValue()).isEqualTo("in flight");
        shutdown.get(30, TimeUnit.SECONDS);
    }

    @Test
    void duringTheShutdownDelayAHealthCheckSaysNotServingWhileCallsAreStillServed() throws Exception {
        app = TestApp.start(port, "platform.grpc.server.shutdown-delay=3s");
        ManagedChannel probe = channel();
        assertThat(check(probe)).isEqualTo(ServingStatus.SERVING);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(app::close);

        await().atMost(Duration.ofSeconds(2)).until(() -> check(probe) == ServingStatus.NOT_SERVING);
        assertThat(codeOfNewCall()).isEqualTo(Status.Code.OK);
        shutdown.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionHasAtMostTheConfiguredNumberOfCallsOpenAndOthersWaitForAFreeSlot() throws Exception {
        app = TestApp.start(port, "platform.grpc.server.max-concurrent-calls-per-connection=1");
        Gate gate = app.getBean(Gate.class);
        ManagedChannel busy = channel();
        Future<StringValue> first = callWait(busy);
        await().until(gate::entered);

        var second = catchThrowableOfType(StatusRuntimeException.class, () -> echo(busy, Duration.ofMillis(500)));

        assertThat(second.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(echo(channel(), Duration.ofSeconds(5))).isEqualTo("echo");
        gate.open();
        assertThat(first.get(10, TimeUnit.SECONDS).getValue()).isEqualTo("in flight");
    }

    private ManagedChannel channel() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
        channels.add(channel);
        return channel;
    }

    private Status.Code codeOfNewCall() {
        try {
            echo(channel(), Duration.ofSeconds(2));
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static String echo(ManagedChannel channel, Duration deadline) {
        return ClientCalls.blockingUnaryCall(
                        withKey(channel),
                        TestGrpcService.ECHO,
                        CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS),
                        StringValue.of("echo"))
                .getValue();
    }

    private static Future<StringValue> callWait(ManagedChannel channel) {
        ClientCall<StringValue, StringValue> call = withKey(channel)
                .newCall(TestGrpcService.WAIT, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        return ClientCalls.futureUnaryCall(call, StringValue.of("in flight"));
    }

    private static Channel withKey(ManagedChannel channel) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), TestApp.TESTER_KEY);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static ServingStatus check(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus();
    }

    private static Queue<ServingStatus> watchHealth(ManagedChannel channel) {
        Queue<ServingStatus> watched = new ConcurrentLinkedQueue<>();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                watched.add(response.getStatus());
            }

            @Override
            public void onError(Throwable failure) {}

            @Override
            public void onCompleted() {}
        });
        return watched;
    }
}
