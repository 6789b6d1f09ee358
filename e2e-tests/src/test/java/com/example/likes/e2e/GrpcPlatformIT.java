package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.testsupport.GrpcProbes;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What both gRPC servers share, seen from outside: API keys (health and reflection need none), method permissions
 * and rate limits, one trace and one request id across both services' logs, and per-method metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcPlatformIT {

    private final SystemUnderTest system = SystemUnderTest.get();
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private final Http dashboardOps =
            Http.asOperator(system.dashboardManagement(), system.grpcKeys().operator());
    private final Http productOps =
            Http.asOperator(system.productManagement(), system.grpcKeys().operator());
    private GrpcChannels grpc;

    @BeforeAll
    void openChannels() {
        grpc = new GrpcChannels(system);
    }

    @AfterAll
    void closeChannels() throws InterruptedException {
        grpc.close();
    }

    @Nested
    class WithoutAKey {

        @Test
        void bothServersReportServing() {
            assertThat(GrpcProbes.health(grpc.dashboardWithoutKey())).isEqualTo(ServingStatus.SERVING);
            assertThat(GrpcProbes.health(grpc.productWithoutKey())).isEqualTo(ServingStatus.SERVING);
        }

        @Test
        void reflectionListsEachServersServices() throws Exception {
            assertThat(GrpcProbes.reflectedServices(grpc.dashboardWithoutKey()))
                    .contains("dashboard.v1.ProductService", "dashboard.v1.UserService");
            assertThat(GrpcProbes.reflectedServices(grpc.productWithoutKey()))
                    .contains("product.v1.ProductReceiverService");
        }

        @Test
        void everyOtherCallIsUnauthenticated() {
            var getUser = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> UserServiceGrpc.newBlockingStub(grpc.dashboardWithoutKey())
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getUser(GetUserRequest.getDefaultInstance()));
            var delete = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ProductReceiverServiceGrpc.newBlockingStub(grpc.productWithoutKey())
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                                    .setId(UUID.randomUUID().toString())
                                    .setVersion(1)
                                    .build()));

            assertThat(getUser.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(delete.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Nested
    class WithAKey {

        @Test
        void aWrongKeyIsUnauthenticated() {
            var failure = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> UserServiceGrpc.newBlockingStub(grpc.dashboardWithKey("not-a-key-anyone-holds"))
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getUser(GetUserRequest.getDefaultInstance()));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(failure.getStatus().getDescription()).isEqualTo("the API key in x-api-key is not valid");
        }

        @Test
        void aDeveloperMayNotCountLikes() {
            var failure = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ProductServiceGrpc.newBlockingStub(grpc.dashboardWithKey(developerKey()))
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .likeProduct(LikeProductRequest.newBuilder()
                                    .setId(UUID.randomUUID().toString())
                                    .setUserId(UUID.randomUUID().toString())
                                    .build()));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void aDeveloperGetsUsersUntilTheRateLimitAndIsThenToldWhenToRetry() throws Exception {
            String user = DevUser.registered(system).id();
            var developer = UserServiceGrpc.newBlockingStub(grpc.dashboardWithKey(developerKey()));

            assertThat(developer
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getUser(GetUserRequest.newBuilder().setId(user).build())
                            .getUser()
                            .getId())
                    .isEqualTo(user);
            StatusRuntimeException refused = null;
            // application.yml: a developer may get ten users a minute.
            for (int call = 2; call <= 11 && refused == null; call++) {
                refused = catchThrowableOfType(
                        StatusRuntimeException.class,
                        () -> developer
                                .withDeadlineAfter(5, TimeUnit.SECONDS)
                                .getUser(GetUserRequest.newBuilder().setId(user).build()));
            }

            assertThat(refused).isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(StatusProto.fromThrowable(refused)
                            .getDetails(0)
                            .unpack(RetryInfo.class)
                            .getRetryDelay()
                            .getSeconds())
                    .isBetween(0L, 60L);
        }
    }

    @Nested
    class OneLike {

        @Test
        void isOneTraceAndOneRequestIdInTheLogsOfBothServices() {
            assumeThat(system)
                    .as("the log files of the services run as local processes")
                    .isInstanceOf(SystemUnderTest.LocalProcesses.class);
            var stack = (SystemUnderTest.LocalProcesses) system;
            String productId = replicatedProduct();
            DevUser user = DevUser.registered(system);
            String traceId = HexFormat.of().formatHex(randomBytes(16));
            String requestId = "e2e-" + UUID.randomUUID();

            Http.Response like = product.withToken(user.token())
                    .post(
                            "/api/products/" + productId + "/like",
                            "",
                            Map.of(
                                    "traceparent",
                                    "00-%s-%s-01"
                                            .formatted(traceId, HexFormat.of().formatHex(randomBytes(8))),
                                    "X-Request-Id",
                                    requestId));

            assertThat(like.status()).as(like.toString()).isEqualTo(200);
            assertThat(like.header("X-Request-Id")).isEqualTo(requestId);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(linesWith(stack.product().logFile(), traceId))
                        .anyMatch(line -> line.contains(
                                        "grpc client call service=dashboard.v1.ProductService" + " method=LikeProduct")
                                && line.contains("request_id=" + requestId));
                // A like is one call to the dashboard (LikeProduct; no GetUser).
                assertThat(linesWith(stack.dashboard().logFile(), traceId))
                        .anyMatch(
                                line -> line.contains("grpc call service=dashboard.v1.ProductService method=LikeProduct"
                                                + " caller=product-service code=OK")
                                        && line.contains("request_id=" + requestId));
            });
        }
    }

    @Nested
    class Metrics {

        @Test
        void prometheusCountsCallsPerMethodOnTheServerAndTheClient() {
            String productId = replicatedProduct();
            DevUser user = DevUser.registered(system);
            assertThat(FaultTests.like(product, productId, user).status()).isEqualTo(200);
            // The tutorial's random user, over gRPC (product-service's key: the developer's is rate limited).
            UserServiceGrpc.newBlockingStub(grpc.dashboard)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getUser(GetUserRequest.getDefaultInstance());

            assertThat(dashboardOps.get("/actuator/prometheus").body())
                    .containsPattern("grpc_server_seconds_count\\{[^}]*grpc_status_code=\"OK\"[^}]*"
                            + "rpc_method=\"LikeProduct\",rpc_service=\"dashboard.v1.ProductService\"[^}]*} [1-9]")
                    .containsPattern("grpc_server_seconds_bucket\\{[^}]*rpc_method=\"GetUser\"")
                    .containsPattern(
                            "grpc_client_seconds_count\\{[^}]*rpc_method=\"CreateProductFromReceiver\"[^}]*} [1-9]");
            assertThat(productOps.get("/actuator/prometheus").body())
                    .containsPattern("grpc_client_seconds_count\\{[^}]*rpc_method=\"LikeProduct\"[^}]*} [1-9]")
                    .containsPattern("grpc_server_seconds_count\\{[^}]*rpc_method=\"CreateProductFromReceiver\"");
        }
    }

    private String developerKey() {
        return system.grpcKeys().of("developer", "dashboard-service");
    }

    private String replicatedProduct() {
        Http.Response created = dashboard.post("/api/products", "{\"title\": \"Traced lamp\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> product.get("/api/products/" + id).status() == 200);
        return id;
    }

    private static List<String> linesWith(Path log, String text) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(line -> line.contains(text))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
