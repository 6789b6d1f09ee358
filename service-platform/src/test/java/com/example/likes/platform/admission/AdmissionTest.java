package com.example.likes.platform.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.platform.testapp.Gate;
import com.example.likes.platform.testapp.TestApp;
import com.example.likes.platform.testapp.TestGrpcService;
import com.example.likes.testsupport.TestIssuer;
import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Admission control over real ports: with the limits held full by requests waiting at the test application's gate,
 * what comes next is refused at once (REST 503 with Retry-After, gRPC UNAVAILABLE with RetryInfo), while health and
 * the management port still answer.
 */
class AdmissionTest {

    /** Far below the 20 s a held request waits, and loose enough for a busy build machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    // A fresh service's first request, on a machine other builds keep busy, can take many seconds to arrive.
    private static final Duration WAITING_AT_THE_GATE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final int grpcPort = StackSettings.freePort();
    private ConfigurableApplicationContext app;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.getBean(Gate.class).open();
            app.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** An application whose adaptive limits admit one request at once, on each protocol. */
    private void startWithALimitOfOne(String... more) throws Exception {
        String[] properties = new String[more.length + 3];
        properties[0] = "platform.admission.initial-limit=1";
        properties[1] = "platform.admission.min-limit=1";
        properties[2] = "platform.admission.max-limit=1";
        System.arraycopy(more, 0, properties, 3, more.length);
        app = TestApp.start(grpcPort, properties);
        channel = ManagedChannelBuilder.forAddress("localhost", grpcPort)
                .usePlaintext()
                .build();
        // Connected and warm, so that a refusal's time is the refusal's alone.
        send("GET", "/api/test/echo");
        ClientCalls.blockingUnaryCall(
                keyed(),
                TestGrpcService.ECHO,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                StringValue.of("warm"));
        awaitGivenBack("rest", 1);
        awaitGivenBack("grpc", 1);
    }

    /**
     * Waits until this many requests on the protocol have finished and given their slot back. A slot goes back just
     * after its answer leaves, so a request sent on that answer can find the limit still full.
     */
    private void awaitGivenBack(String protocol, int requests) {
        FunctionCounter succeeded = app.getBean(MeterRegistry.class)
                .get("admission.requests")
                .tags("protocol", protocol, "status", "success")
                .functionCounter();
        await().atMost(WAITING_AT_THE_GATE).until(() -> succeeded.count() == requests);
    }

    @Nested
    class OnRest {

        @Test
        void aRequestBeyondTheLimitIsRefusedAtOnceWith503RetryAfterAndProblemJson() throws Exception {
            startWithALimitOfOne();
            CompletableFuture<HttpResponse<String>> waiting = holdOne("POST");

            long started = System.nanoTime();
            HttpResponse<String> refused = send("POST", "/api/test/echo");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(took).isLessThan(AT_ONCE);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("\"status\":503").contains("at its capacity");
            app.getBean(Gate.class).open();
            assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            awaitGivenBack("rest", 2);
            assertThat(send("POST", "/api/test/echo").statusCode()).isEqualTo(200);
        }

        @Test
        void readsHoldingTheWholeLimitDoNotShutOutWrites() throws Exception {
            startWithALimitOfOne();
            holdOne("GET");

            assertThat(send("GET", "/api/test/echo").statusCode()).isEqualTo(503);
            assertThat(send("POST", "/api/test/echo").statusCode()).isEqualTo(200);
        }

        @Test
        void healthAndMetricsOnTheManagementPortAnswerWhileTheLimitIsFull() throws Exception {
            startWithALimitOfOne();
            holdOne("POST");
            assertThat(send("POST", "/api/test/echo").statusCode()).isEqualTo(503);

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(managementUri("/actuator/health")).build(), BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(managementUri("/actuator/prometheus"))
                            .build(),
                    BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("admission_requests_total{protocol=\"rest\",status=\"rejected\"} 1.0")
                    .contains("admission_limit{protocol=\"rest\"} 1.0");
        }

        @Test
        void publicReadsBeyondTheirCapAreRefusedEvenWithoutTheAdaptiveLimit() throws Exception {
            app = TestApp.start(grpcPort, "platform.admission.enabled=false", "platform.admission.read-concurrency=1");
            holdOne("GET");

            HttpResponse<String> refused = send("GET", "/api/test/echo");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("as many reads as it can");
            assertThat(send("POST", "/api/test/echo").statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class OnGrpc {

        @Test
        void aCallBeyondTheLimitIsUnavailableAtOnceWithRetryInfoAndNoRetryByTheClient() throws Exception {
            startWithALimitOfOne();
            var waiting = ClientCalls.futureUnaryCall(
                    keyed().newCall(TestGrpcService.WAIT, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS)),
                    StringValue.of("wait"));
            await().atMost(WAITING_AT_THE_GATE)
                    .until(() -> app.getBean(Gate.class).waiting() == 1);

            // The first refusal loads what a rich status needs; the second shows what a refusal takes.
            refuseOne();
            long started = System.nanoTime();
            StatusRuntimeException refused = refuseOne();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(took).isLessThan(AT_ONCE);
            assertThat(StatusMapping.retryDelay(refused)).hasValue(Duration.ofSeconds(1));
            assertThat(refused.getTrailers().get(GrpcAdmissionInterceptor.RETRY_PUSHBACK))
                    .isEqualTo("-1");
            app.getBean(Gate.class).open();
            assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));
        }

        @Test
        void aCallThatFailsWithAnExceptionGivesItsPlaceBack() throws Exception {
            startWithALimitOfOne();

            for (int i = 0; i < 3; i++) {
                StatusRuntimeException failed = catchThrowableOfType(
                        StatusRuntimeException.class,
                        () -> ClientCalls.blockingUnaryCall(
                                keyed(),
                                TestGrpcService.FAIL,
                                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                                StringValue.of("not-found")));
                assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            }

            assertThat(ClientCalls.blockingUnaryCall(
                                    keyed(),
                                    TestGrpcService.ECHO,
                                    CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                                    StringValue.of("admitted"))
                            .getValue())
                    .isEqualTo("admitted");
        }

        @Test
        void healthIsServingWhileTheLimitIsFull() throws Exception {
            startWithALimitOfOne();
            ClientCalls.futureUnaryCall(
                    keyed().newCall(TestGrpcService.WAIT, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS)),
                    StringValue.of("wait"));
            await().atMost(WAITING_AT_THE_GATE)
                    .until(() -> app.getBean(Gate.class).waiting() == 1);

            var health = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(2, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());

            assertThat(health.getStatus()).isEqualTo(ServingStatus.SERVING);
        }
    }

    private StatusRuntimeException refuseOne() {
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(
                        keyed(),
                        TestGrpcService.ECHO,
                        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                        StringValue.of("hello")));
    }

    /** The channel, with the tester's API key on every call. */
    private Channel keyed() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), TestApp.TESTER_KEY);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Sends one request that waits at the gate, and returns once it does. */
    private CompletableFuture<HttpResponse<String>> holdOne(String method) {
        CompletableFuture<HttpResponse<String>> response =
                http.sendAsync(request(method, "/api/test/wait"), BodyHandlers.ofString());
        await().atMost(WAITING_AT_THE_GATE).until(() -> app.getBean(Gate.class).waiting() == 1);
        return response;
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(request(method, path), BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path) {
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain");
        return "GET".equals(method)
                ? builder.GET().build()
                : builder.method(method, BodyPublishers.ofString("hello"))
                        .header("Authorization", "Bearer " + TestIssuer.get().token("a-writer"))
                        .build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:"
                + ((WebServerApplicationContext) app).getWebServer().getPort() + path);
    }

    private URI managementUri(String path) {
        String port = app.getEnvironment().getProperty("local.management.port");
        return URI.create("http://localhost:" + port + path);
    }
}
