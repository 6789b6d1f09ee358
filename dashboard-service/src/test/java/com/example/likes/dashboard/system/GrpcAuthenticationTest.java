package com.example.likes.dashboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.google.rpc.RetryInfo;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Who may call the dashboard's gRPC methods: the keys of the test configuration, with the permissions and rate
 * limits of {@code application.yml}.
 */
@ExtendWith(OutputCaptureExtension.class)
class GrpcAuthenticationTest extends DashboardIntegrationTest {

    @Test
    void aCallWithoutAKeyIsUnauthenticated() {
        var failure = getUserFailing(grpcWithoutKey());

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(failure.getStatus().getDescription())
                .isEqualTo("an API key is required in the x-api-key metadata header");
    }

    @Test
    void aCallWithAWrongKeyIsUnauthenticated() {
        var failure = getUserFailing(grpcWithKey("test-product-service-kez"));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(failure.getStatus().getDescription()).isEqualTo("the API key in x-api-key is not valid");
    }

    @Test
    void productServicesOldAndNewKeyBothWorkWhileTheKeyRotates() {
        String id = newUser();

        for (String key : new String[] {PRODUCT_SERVICE_KEY, PRODUCT_SERVICE_NEXT_KEY}) {
            assertThat(UserServiceGrpc.newBlockingStub(grpcWithKey(key))
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getUser(GetUserRequest.newBuilder().setId(id).build())
                            .getUser()
                            .getId())
                    .isEqualTo(id);
        }
    }

    @Test
    void aDeveloperMayNotCountLikes() {
        var failure = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> ProductServiceGrpc.newBlockingStub(grpcWithKey(DEVELOPER_KEY))
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .likeProduct(LikeProductRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .setUserId(UUID.randomUUID().toString())
                                .build()));

        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure.getStatus().getDescription())
                .isEqualTo("developer may not call dashboard.v1.ProductService/LikeProduct");
    }

    @Test
    void aDeveloperMayGetUsersTenTimesAMinuteAndIsThenToldWhenToRetry() throws Exception {
        String id = newUser();
        var developer = UserServiceGrpc.newBlockingStub(grpcWithKey(DEVELOPER_KEY));

        IntStream.range(0, 10)
                .forEach(i -> developer
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getUser(GetUserRequest.newBuilder().setId(id).build()));
        var refused = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> developer
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getUser(GetUserRequest.newBuilder().setId(id).build()));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        RetryInfo retry = StatusProto.fromThrowable(refused).getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isBetween(0L, 6L);
        assertThat(UserServiceGrpc.newBlockingStub(grpc())
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getUser(GetUserRequest.newBuilder().setId(id).build())
                        .getUser()
                        .getId())
                .as("product-service has a limit of its own")
                .isEqualTo(id);
    }

    @Test
    void theLogNamesTheCallerButNeverShowsItsKey(CapturedOutput output) {
        getUserFailing(grpc());
        getUserFailing(grpcWithKey("a-key-nobody-was-given"));

        await().untilAsserted(() -> assertThat(output.getAll())
                .contains("method=GetUser caller=product-service code=NOT_FOUND")
                .contains("method=GetUser caller=- code=UNAUTHENTICATED"));
        assertThat(output.getAll()).doesNotContain(PRODUCT_SERVICE_KEY).doesNotContain("a-key-nobody-was-given");
    }

    private String newUser() {
        String body = user("someone-" + UUID.randomUUID())
                .post()
                .uri("/api/users")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return body.replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    private static StatusRuntimeException getUserFailing(Channel channel) {
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> UserServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getUser(GetUserRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build()));
    }
}
