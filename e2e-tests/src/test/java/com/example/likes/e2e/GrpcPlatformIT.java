package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Both gRPC ports answer health checks and server reflection, without a key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcPlatformIT {

    private GrpcChannels grpc;

    @BeforeAll
    void openChannels() {
        grpc = new GrpcChannels(SystemUnderTest.get());
    }

    @AfterAll
    void closeChannels() throws InterruptedException {
        grpc.close();
    }

    @Test
    void bothServersReportServing() {
        assertThat(health(grpc.dashboard)).isEqualTo(ServingStatus.SERVING);
        assertThat(health(grpc.product)).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void reflectionListsEachServersServices() throws Exception {
        assertThat(services(grpc.dashboard)).contains("dashboard.v1.ProductService", "dashboard.v1.UserService");
        assertThat(services(grpc.product)).contains("product.v1.ProductReceiverService");
    }

    private static ServingStatus health(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus();
    }

    private static List<String> services(ManagedChannel channel) throws Exception {
        CompletableFuture<List<String>> listed = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        listed.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName)
                                .toList());
                    }

                    @Override
                    public void onError(Throwable t) {
                        listed.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return listed.get(10, TimeUnit.SECONDS);
    }
}
