package com.example.likes.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.platform.grpc.auth.ApiKeys;
import com.example.likes.platform.grpc.call.GrpcCallFailed;
import com.example.likes.platform.grpc.call.GrpcCallFinished;
import com.example.likes.platform.grpc.call.GrpcCallStarted;
import com.example.likes.platform.testapp.CallEvents;
import com.example.likes.platform.testapp.Gate;
import com.example.likes.platform.testapp.PlatformTestApplication;
import com.example.likes.platform.testapp.TestGrpcService;
import com.example.likes.testsupport.GrpcProbes;
import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The gRPC platform as a service gets it, over real ports: API keys, error mapping both ways, rate limits, the call
 * log and events, trace and request id propagation, metrics, virtual threads.
 */
@SpringBootTest(
        classes = PlatformTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "platform.grpc.auth.keys=tester:tester-key-0123456789,rotating:rotating-old-key-012345,"
                    + "rotating:rotating-new-key-012345,reader:reader-key-0123456789,"
                    + "limited:limited-key-0123456789,relay:relay-key-0123456789,ungranted:ungranted-key-0123456789",
            "platform.grpc.auth.permissions.reader=platform.test.TestService/WhoAmI",
            "platform.grpc.rate-limit.rules[0].caller=limited",
            "platform.grpc.rate-limit.rules[0].requests=2",
            "platform.grpc.rate-limit.rules[0].per=1s",
            "platform.grpc.client.api-keys.self=relay-key-0123456789"
        })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcPlatformTest {

    static final String TESTER_KEY = "tester-key-0123456789";
    static final int GRPC_PORT = StackSettings.freePort();

    @DynamicPropertySource
    static void grpcPort(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("spring.grpc.client.channel.self.target", () -> "localhost:" + GRPC_PORT);
    }

    @Autowired
    RestTestClient rest;

    @LocalServerPort
    int httpPort;

    @LocalManagementPort
    int managementPort;

    @Autowired
    CallEvents events;

    @Autowired
    Gate gate;

    private ManagedChannel channel;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", GRPC_PORT)
                .usePlaintext()
                .build();
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Nested
    class Authentication {

        @Test
        void aCallWithoutAKeyIsUnauthenticated() {
            var failure = failing(TestGrpcService.ECHO, null, "hello");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(failure.getStatus().getDescription()).contains("x-api-key");
        }

        @Test
        void aCallWithAWrongKeyIsUnauthenticatedWithoutRepeatingTheKey() {
            var failure = failing(TestGrpcService.ECHO, "tester-key-0123456780", "hello");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(failure.getStatus().getDescription())
                    .isEqualTo("the API key in x-api-key is not valid")
                    .doesNotContain("tester-key");
        }

        @Test
        void bothKeysOfACallerWhoseKeyRotatesAreAcceptedAndNameTheSameCaller() {
            assertThat(call(TestGrpcService.WHO_AM_I, "rotating-old-key-012345", "?"))
                    .startsWith("caller=rotating ");
            assertThat(call(TestGrpcService.WHO_AM_I, "rotating-new-key-012345", "?"))
                    .startsWith("caller=rotating ");
        }

        @Test
        void aCallerWithPermissionsMayCallOnlyThoseMethods() {
            assertThat(call(TestGrpcService.WHO_AM_I, "reader-key-0123456789", "?"))
                    .startsWith("caller=reader ");

            var failure = failing(TestGrpcService.ECHO, "reader-key-0123456789", "hello");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(failure.getStatus().getDescription())
                    .isEqualTo("reader may not call platform.test.TestService/Echo");
        }

        @Test
        void aCallerWithAKeyButNoGrantMayCallNothingButHealthAndReflection() throws Exception {
            for (var method : List.of(TestGrpcService.ECHO, TestGrpcService.WHO_AM_I, TestGrpcService.RELAY)) {
                var failure = failing(method, "ungranted-key-0123456789", "hello");

                assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
            Channel ungranted =
                    ClientInterceptors.intercept(channel, ApiKeys.clientInterceptor("ungranted-key-0123456789"));
            assertThat(HealthGrpc.newBlockingStub(ungranted)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus())
                    .isNotNull();
            assertThat(GrpcProbes.reflectedServices(ungranted)).contains("grpc.health.v1.Health");
        }

        @Test
        void healthAndReflectionNeedNoKey() throws Exception {
            await().until(
                            () -> HealthGrpc.newBlockingStub(channel)
                                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                                    .check(HealthCheckRequest.getDefaultInstance())
                                    .getStatus(),
                            status -> status == ServingStatus.SERVING);
            assertThat(GrpcProbes.reflectedServices(channel)).contains("grpc.health.v1.Health");
        }

        @Test
        void keysNeverReachTheLog(CapturedOutput output) {
            failing(TestGrpcService.ECHO, "a-key-nobody-holds-42", "hello");
            call(TestGrpcService.ECHO, TESTER_KEY, "hello");

            // The log line follows the answer.
            await().untilAsserted(() -> assertThat(output.getAll()).contains("caller=tester"));
            assertThat(output.getAll()).doesNotContain(TESTER_KEY).doesNotContain("a-key-nobody-holds-42");
        }
    }

    @Nested
    class ErrorsOverGrpc {

        static Stream<Arguments> failuresAndWhatTheCallerSees() {
            return Stream.of(
                    Arguments.of(
                            "invalid", Status.Code.INVALID_ARGUMENT, "id: must be a UUID; size: must be 1 or more"),
                    Arguments.of("not-found", Status.Code.NOT_FOUND, "Product p-1 not found"),
                    Arguments.of("exists", Status.Code.ALREADY_EXISTS, "You already liked this product"),
                    Arguments.of("unauthenticated", Status.Code.UNAUTHENTICATED, "who are you?"),
                    Arguments.of("denied", Status.Code.PERMISSION_DENIED, "not for you"),
                    Arguments.of("rate-limited", Status.Code.RESOURCE_EXHAUSTED, "slow down"),
                    Arguments.of("unimplemented", Status.Code.UNIMPLEMENTED, "not implemented"),
                    Arguments.of("timeout", Status.Code.DEADLINE_EXCEEDED, "timed out"),
                    Arguments.of("query-timeout", Status.Code.DEADLINE_EXCEEDED, "database query timed out"),
                    Arguments.of("db-down", Status.Code.UNAVAILABLE, "database unavailable"),
                    Arguments.of("db-connection-lost", Status.Code.UNAVAILABLE, "database unavailable"),
                    Arguments.of("db-pool-timeout", Status.Code.UNAVAILABLE, "database unavailable"),
                    Arguments.of("db-deadlock", Status.Code.UNAVAILABLE, "database unavailable"),
                    Arguments.of("db-serialization", Status.Code.UNAVAILABLE, "database unavailable"),
                    Arguments.of(
                            "downstream-unavailable", Status.Code.UNAVAILABLE, "a downstream service is unavailable"),
                    Arguments.of("bug", Status.Code.INTERNAL, "internal error"));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @MethodSource("failuresAndWhatTheCallerSees")
        void eachFailureReachesTheCallerAsItsStatus(String failure, Status.Code code, String description) {
            var answer = failing(TestGrpcService.FAIL, TESTER_KEY, failure);

            assertThat(answer.getStatus().getCode()).isEqualTo(code);
            assertThat(answer.getStatus().getDescription()).isEqualTo(description);
        }

        @Test
        void invalidInputNamesEachFieldInBadRequestDetails() throws Exception {
            var answer = failing(TestGrpcService.FAIL, TESTER_KEY, "invalid");

            BadRequest details = detail(answer, BadRequest.class);
            assertThat(details.getFieldViolationsList())
                    .extracting(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getDescription)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("id", "must be a UUID"),
                            org.assertj.core.groups.Tuple.tuple("size", "must be 1 or more"));
        }

        @Test
        void notFoundSaysWhichEntityInResourceInfoSoThatACallerNeedNotReadTheDescription() throws Exception {
            var answer = failing(TestGrpcService.FAIL, TESTER_KEY, "not-found");

            ResourceInfo missing = detail(answer, ResourceInfo.class);
            assertThat(missing.getResourceType()).isEqualTo("Product");
            assertThat(missing.getResourceName()).isEqualTo("p-1");
            assertThat(StatusMapping.missingResource(answer)).contains(missing);
        }

        @Test
        void aRateLimitSaysWhenToRetryInRetryInfo() throws Exception {
            var answer = failing(TestGrpcService.FAIL, TESTER_KEY, "rate-limited");

            RetryInfo retry = detail(answer, RetryInfo.class);
            assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(2);
            assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
        }
    }

    @Nested
    class ErrorsOverRest {

        static Stream<Arguments> downstreamCodesAndHttpStatuses() {
            return Stream.of(
                    Arguments.of(Status.Code.INVALID_ARGUMENT, 400),
                    Arguments.of(Status.Code.UNAUTHENTICATED, 401),
                    Arguments.of(Status.Code.PERMISSION_DENIED, 403),
                    Arguments.of(Status.Code.NOT_FOUND, 404),
                    Arguments.of(Status.Code.ALREADY_EXISTS, 409),
                    Arguments.of(Status.Code.RESOURCE_EXHAUSTED, 429),
                    Arguments.of(Status.Code.INTERNAL, 500),
                    Arguments.of(Status.Code.UNIMPLEMENTED, 501),
                    Arguments.of(Status.Code.UNAVAILABLE, 503),
                    Arguments.of(Status.Code.DEADLINE_EXCEEDED, 504));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @MethodSource("downstreamCodesAndHttpStatuses")
        void aFailedGrpcCallBecomesProblemJsonWithTheMatchingStatus(Status.Code code, int httpStatus) {
            rest.get()
                    .uri("/test/downstream/{code}", code)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(httpStatus)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(httpStatus)
                    .jsonPath("$.grpcStatus")
                    .isEqualTo(code.name())
                    .jsonPath("$.type")
                    .isEqualTo("about:blank");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("downstreamCodesAndHttpStatuses")
        void theTextOfADownstreamRefusalIsNeverPassedOn(Status.Code code, int httpStatus) {
            rest.get()
                    .uri("/test/downstream/{code}", code)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(
                            String.class,
                            detail -> assertThat(detail)
                                    .isNotBlank()
                                    .doesNotContain("downstream said")
                                    .doesNotContain(code.name()));
        }

        @Test
        void aDownstreamRateLimitIsA429ThatWaitsAsLongAsTheServerAsked() {
            rest.get()
                    .uri("/test/downstream/RESOURCE_EXHAUSTED?retryAfterSeconds=7")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .valueEquals("Retry-After", "7");
        }

        @Test
        void anUnavailableDownstreamIsA503WithTheConfiguredRetryAfter() {
            rest.get()
                    .uri("/test/downstream/UNAVAILABLE")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "5");
        }

        static Stream<Arguments> failuresAndHttpStatuses() {
            return Stream.of(
                    Arguments.of("invalid", 400, "id: must be a UUID; size: must be 1 or more"),
                    Arguments.of("unauthenticated", 401, "who are you?"),
                    Arguments.of("denied", 403, "not for you"),
                    Arguments.of("not-found", 404, "Product p-1 not found"),
                    Arguments.of("exists", 409, "You already liked this product"),
                    Arguments.of("rate-limited", 429, "slow down"),
                    Arguments.of("bug", 500, "internal error"),
                    Arguments.of("unimplemented", 501, "not implemented"),
                    Arguments.of("db-down", 503, "database unavailable"),
                    Arguments.of("db-connection-lost", 503, "database unavailable"),
                    Arguments.of("db-pool-timeout", 503, "database unavailable"),
                    Arguments.of("db-deadlock", 503, "database unavailable"),
                    Arguments.of("db-serialization", 503, "database unavailable"),
                    Arguments.of("db-io", 503, "database unavailable"),
                    Arguments.of(
                            "downstream-unavailable", 503, "a service this request needs is unavailable; retry later"),
                    Arguments.of("timeout", 504, "timed out"),
                    Arguments.of("query-timeout", 504, "database query timed out"));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @MethodSource("failuresAndHttpStatuses")
        void eachFailureIsProblemJsonWithTheSameMappingAsGrpc(String failure, int httpStatus, String detail) {
            rest.get()
                    .uri("/test/fail/{name}", failure)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(httpStatus)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo(detail);
        }

        @Test
        void aLostDatabaseConnectionIsA503WithRetryAfter() {
            rest.get()
                    .uri("/test/fail/db-connection-lost")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "5");
        }

        @Test
        void aRateLimitIsA429WithRetryAfterInWholeSecondsRoundedUp() {
            rest.get()
                    .uri("/test/fail/rate-limited")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .valueEquals("Retry-After", "3");
        }
    }

    /**
     * What the servlet container refuses before Spring sees it, and Boot's error path: problem+json, never Tomcat's
     * HTML page. Sent over a raw socket, because HTTP clients refuse to send most of these requests.
     */
    @Nested
    class ContainerRejections {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "/test/fail/%00",
                    "/test/fail/%2e%2e%2f%2e%2e%2fetc",
                    "/test/fail/%C0%AF",
                    "/test/fail/{id}",
                    "/test/fail/%zz",
                    "/test/fail/%",
                    "/test/fail/a%2fb",
                    "/test/fail/a\\b",
                    "/test/../../etc/passwd",
                    "/test/fail/\u00e9"
                })
        void aMalformedPathIsA400ProblemFromTheContainer(String path) throws IOException {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(statusOf(answer)).as(answer).isEqualTo(400);
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).contains("\"status\":400").doesNotContain("<html");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "Host: localhost\r\nBad Header: x\r\n",
                    "Host: localhost\r\nContent-Length: abc\r\n",
                    "Host: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n",
                    "Host: local host\r\n"
                })
        void aMalformedHeaderIsA400ProblemFromTheContainer(String headers) throws IOException {
            String answer = raw("GET /test/fail/bug HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n");

            assertThat(statusOf(answer)).as(answer).isEqualTo(400);
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"%51%EB%12%18", "%C0%AF", "%FF", "%ED%A0%80"})
        void aQueryParameterThatIsNotUtf8IsA400Problem(String value) throws IOException {
            String answer = raw("GET /test/downstream/UNAVAILABLE?retryAfterSeconds=" + value
                    + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(statusOf(answer)).as(answer).isEqualTo(400);
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        }

        @Test
        void theErrorPathAnswersProblemJson() {
            rest.get()
                    .uri("/error")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(404)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("about:blank");
        }

        private String raw(String request) throws IOException {
            try (Socket socket = new Socket("localhost", httpPort)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static int statusOf(String answer) {
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Nested
    class RateLimit {

        @Test
        void aCallerOverItsLimitIsRefusedWithRetryInfoAndLetThroughOnceTheBucketRefills() throws Exception {
            String limited = "limited-key-0123456789";
            call(TestGrpcService.ECHO, limited, "1");
            call(TestGrpcService.ECHO, limited, "2");

            var refused = failing(TestGrpcService.ECHO, limited, "3");

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(refused.getStatus().getDescription())
                    .isEqualTo("rate limit of limited for platform.test.TestService/Echo reached");
            com.google.protobuf.Duration delay =
                    detail(refused, RetryInfo.class).getRetryDelay();
            assertThat(Duration.ofSeconds(delay.getSeconds(), delay.getNanos()))
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(call(TestGrpcService.ECHO, TESTER_KEY, "others are not limited"))
                    .isEqualTo("others are not limited");
            assertThat(call(TestGrpcService.WHO_AM_I, limited, "another method has a bucket of its own"))
                    .startsWith("caller=limited ");

            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreException(StatusRuntimeException.class)
                    .untilAsserted(() ->
                            assertThat(call(TestGrpcService.ECHO, limited, "4")).isEqualTo("4"));
        }
    }

    @Nested
    class CallLifecycle {

        @BeforeEach
        void noEventsYet() {
            events.clear();
        }

        @AfterEach
        void listenersWorkAgain() {
            events.failFromNowOn(false);
            gate.open();
        }

        @Test
        void aCallPublishesStartedThenFinishedWithItsCallerAndSizes() {
            call(TestGrpcService.ECHO, TESTER_KEY, "lifecycle");

            List<Object> published = await().until(events::all, list -> list.size() == 2);

            assertThat(published.get(0)).isInstanceOfSatisfying(GrpcCallStarted.class, started -> {
                assertThat(started.call().fullMethodName()).isEqualTo("platform.test.TestService/Echo");
                assertThat(started.call().caller()).isEqualTo("tester");
                assertThat(started.call().peer()).startsWith("127.0.0.1:");
                assertThat(started.call().traceId()).hasSize(32);
            });
            assertThat(published.get(1)).isInstanceOfSatisfying(GrpcCallFinished.class, finished -> {
                assertThat(finished.call()).isEqualTo(((GrpcCallStarted) published.get(0)).call());
                assertThat(finished.requestBytes())
                        .isEqualTo(StringValue.of("lifecycle").getSerializedSize());
                assertThat(finished.responseBytes())
                        .isEqualTo(StringValue.of("lifecycle").getSerializedSize());
                assertThat(finished.duration()).isPositive();
            });
        }

        @Test
        void aRejectedCallPublishesFailedWithItsCode() {
            failing(TestGrpcService.WHO_AM_I, null, "?");

            List<Object> published = await().until(events::all, list -> list.size() == 2);

            assertThat(published.get(1)).isInstanceOfSatisfying(GrpcCallFailed.class, failed -> {
                assertThat(failed.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(failed.call().caller()).isEqualTo("-");
                assertThat(failed.call().method()).isEqualTo("WhoAmI");
            });
        }

        @Test
        void aCallTheClientGivesUpOnPublishesFailedOnce() {
            gate.close();

            // The service holds the call at the gate until the deadline cancels it, and then answers anyway.
            var failure = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(
                            withKey(TESTER_KEY),
                            TestGrpcService.WAIT,
                            CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS),
                            StringValue.of("abandoned")));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            await().untilAsserted(() -> assertThat(events.all())
                    .filteredOn(GrpcCallFailed.class::isInstance)
                    .singleElement()
                    .extracting(event -> ((GrpcCallFailed) event).code())
                    .isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED));
            // The service's late answer, and the cancellation itself, must not count as a second end.
            await().during(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(events.all())
                            .filteredOn(event -> !(event instanceof GrpcCallStarted))
                            .hasSize(1));
        }

        @Test
        void aListenerThatFailsChangesNothingForTheCallerNorForTheLog(CapturedOutput output) {
            events.failFromNowOn(true);

            assertThat(call(TestGrpcService.ECHO, TESTER_KEY, "still answered")).isEqualTo("still answered");

            await().untilAsserted(() -> assertThat(output.getAll())
                    .contains("a listener of GrpcCallFinished failed")
                    .contains("grpc call service=platform.test.TestService method=Echo caller=tester code=OK"));
        }
    }

    @Nested
    class RequestLog {

        @Test
        void eachCallIsOneLineWithServiceMethodCallerCodeDurationSizesPeerAndTraceId(CapturedOutput output) {
            call(TestGrpcService.ECHO, TESTER_KEY, "logged");

            await().untilAsserted(() -> assertThat(output.getAll())
                    .containsPattern("grpc call service=platform\\.test\\.TestService method=Echo caller=tester"
                            + " code=OK duration_ms=\\d+ request_bytes=8 response_bytes=8 peer=127\\.0\\.0\\.1:\\d+"
                            + " trace_id=[0-9a-f]{32} request_id=-"));
        }

        @Test
        void aFailedCallIsLoggedWithItsCode(CapturedOutput output) {
            failing(TestGrpcService.FAIL, TESTER_KEY, "not-found");

            await().untilAsserted(
                            () -> assertThat(output.getAll()).contains("method=Fail caller=tester code=NOT_FOUND"));
        }

        @Test
        void healthChecksAreNotLoggedAtInfo(CapturedOutput output) {
            HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            call(TestGrpcService.ECHO, TESTER_KEY, "after the check");

            await().untilAsserted(() -> assertThat(output.getAll()).contains("caller=tester"));
            assertThat(output.getAll()).doesNotContain("service=grpc.health.v1.Health");
        }
    }

    @Nested
    class Correlation {

        @Test
        void aRestRequestAndTheGrpcCallsItLeadsToShareOneTraceAndTheRequestId(CapturedOutput output) {
            String relayed = rest.get()
                    .uri("/test/relay")
                    .header("X-Request-Id", "req-4711")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("X-Request-Id", "req-4711")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            // rest trace_id=.. request_id=.. -> relay trace_id=.. request_id=.. -> caller=relay ... trace_id=.. ...
            List<String> traceIds = Pattern.compile("trace_id=(\\w+)")
                    .matcher(relayed)
                    .results()
                    .map(match -> match.group(1))
                    .toList();
            assertThat(traceIds).hasSize(3).allMatch(traceIds.getFirst()::equals);
            assertThat(traceIds.getFirst()).matches("[0-9a-f]{32}");
            assertThat(relayed.split("request_id=req-4711", -1)).hasSize(4);
            assertThat(relayed).contains("-> caller=relay virtual=true");
            await().untilAsserted(() -> assertThat(output.getAll())
                    .contains("method=Relay caller=relay code=OK")
                    .contains("method=WhoAmI caller=relay code=OK")
                    .containsPattern("grpc client call service=platform\\.test\\.TestService method=WhoAmI"
                            + " target=localhost:\\d+ code=OK duration_ms=\\d+ request_bytes=\\d+ response_bytes=\\d+"
                            + " trace_id=" + traceIds.getFirst() + " request_id=req-4711"));
        }

        @Test
        void aRequestWithoutAnIdGetsANewOne() {
            rest.get()
                    .uri("/test/relay")
                    .exchange()
                    .expectHeader()
                    .valueMatches("X-Request-Id", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }

        @Test
        void anIdThatCannotBeLoggedAsItIsIsReplaced() {
            rest.get()
                    .uri("/test/relay")
                    .header("X-Request-Id", "evil\tid with spaces")
                    .exchange()
                    .expectHeader()
                    .valueMatches("X-Request-Id", "[0-9a-f-]{36}");
        }
    }

    @Nested
    class Operations {

        @Test
        void callsRunOnVirtualThreads() {
            assertThat(call(TestGrpcService.WHO_AM_I, TESTER_KEY, "?")).contains(" virtual=true ");
        }

        @Test
        void prometheusShowsServerAndClientCallsPerMethodAndStatusWithLatencyBuckets() {
            rest.get().uri("/test/relay").exchange().expectStatus().isOk();
            failing(TestGrpcService.FAIL, TESTER_KEY, "not-found");

            String metrics = RestTestClient.bindToServer()
                    .baseUrl("http://localhost:" + managementPort)
                    .build()
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(metrics)
                    .containsPattern("grpc_server_seconds_count\\{[^}]*rpc_method=\"WhoAmI\"[^}]*} [1-9]")
                    .containsPattern("grpc_server_seconds_bucket\\{[^}]*rpc_method=\"WhoAmI\"")
                    .containsPattern("grpc_client_seconds_count\\{[^}]*rpc_method=\"WhoAmI\"[^}]*} [1-9]")
                    .containsPattern(
                            "grpc_server_seconds_count\\{[^}]*grpc_status_code=\"NOT_FOUND\"[^}]*rpc_method=\"Fail\"");
        }
    }

    private String call(MethodDescriptor<StringValue, StringValue> method, String key, String text) {
        return ClientCalls.blockingUnaryCall(
                        withKey(key),
                        method,
                        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                        StringValue.of(text))
                .getValue();
    }

    private StatusRuntimeException failing(MethodDescriptor<StringValue, StringValue> method, String key, String text) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> call(method, key, text));
    }

    private Channel withKey(String key) {
        if (key == null) {
            return channel;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException failure, Class<T> type)
            throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status).as("google.rpc.Status in grpc-status-details-bin").isNotNull();
        for (Any detail : status.getDetailsList()) {
            if (detail.is(type)) {
                return detail.unpack(type);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }
}
