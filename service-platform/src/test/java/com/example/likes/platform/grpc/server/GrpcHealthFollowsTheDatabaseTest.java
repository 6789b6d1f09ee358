package com.example.likes.platform.grpc.server;

import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.LocalPostgres;
import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.TestApp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * gRPC health follows the database: an application with a PostgreSQL of its own, which the test stops and starts
 * again. Spring gRPC maps the actuator health (the database's included) to the serving status on a schedule.
 */
class GrpcHealthFollowsTheDatabaseTest {

    private final int grpcPort = StackSettings.freePort();
    private LocalPostgres postgres = LocalPostgres.start(0, null);
    private ConfigurableApplicationContext app;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (app != null) {
            app.close();
        }
        postgres.close();
    }

    @Test
    void healthTurnsNotServingWhenTheDatabaseIsLostAndServingWhenItIsBack() {
        int databasePort = postgres.port();
        app = TestApp.start(
                grpcPort,
                "spring.autoconfigure.exclude=",
                "spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "spring.datasource.username=postgres",
                "spring.datasource.hikari.connection-timeout=500",
                "spring.grpc.server.health.schedule.period=200ms");
        channel = ManagedChannelBuilder.forAddress("localhost", grpcPort)
                .usePlaintext()
                .build();
        awaitHealth(ServingStatus.SERVING);

        postgres.close();
        awaitHealth(ServingStatus.NOT_SERVING);

        postgres = LocalPostgres.start(databasePort, null);
        awaitHealth(ServingStatus.SERVING);
    }

    private void awaitHealth(ServingStatus expected) {
        // A check that misses its deadline (a start, a busy machine) says nothing about the status: ask again.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(StatusRuntimeException.class)
                .until(
                        () -> HealthGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(2, TimeUnit.SECONDS)
                                .check(HealthCheckRequest.getDefaultInstance())
                                .getStatus(),
                        status -> status == expected);
    }
}
