package com.example.likes.platform.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.DevCertificates;
import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.grpc.call.GrpcCallFailed;
import com.example.likes.platform.testapp.CallEvents;
import com.example.likes.platform.testapp.TestApp;
import com.example.likes.platform.testapp.TestGrpcService;
import com.example.likes.testsupport.GrpcProbes;
import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Over mutual TLS a caller is who its API key and its client certificate both say it is: a key presented with
 * another caller's certificate is refused like a wrong key, and the call log names no caller for it.
 */
class GrpcCallerCertificateTest {

    private static final String DEVELOPER_KEY = "developer-key-0123456789";

    @TempDir
    static Path folder;

    private static DevCertificates certificates;
    private static ConfigurableApplicationContext app;
    private static int port;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void startWithMutualTls() {
        certificates = new DevCertificates(folder);
        certificates.ensure(List.of("platform-test"), List.of("tester", "developer"));
        port = StackSettings.freePort();
        app = TestApp.start(
                port,
                "platform.grpc.tls.enabled=true",
                "platform.grpc.tls.certificate=" + certificates.certificate("platform-test"),
                "platform.grpc.tls.private-key=" + certificates.privateKey("platform-test"),
                "platform.grpc.tls.trust=" + certificates.caCertificate(),
                "platform.grpc.auth.keys=tester:" + TestApp.TESTER_KEY + ",developer:" + DEVELOPER_KEY,
                "platform.grpc.auth.permissions.developer=platform.test.TestService/*");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKeyWithTheCertificateOfItsCallerGetsThrough() {
        assertThat(whoAmI(channel("tester"), TestApp.TESTER_KEY)).startsWith("caller=tester ");
        assertThat(whoAmI(channel("developer"), DEVELOPER_KEY)).startsWith("caller=developer ");
    }

    @Test
    void aKeyPresentedWithAnotherCallersCertificateIsUnauthenticatedAndLoggedWithoutACaller() {
        app.getBean(CallEvents.class).clear();

        var refused = catchThrowableOfType(
                StatusRuntimeException.class, () -> whoAmI(channel("developer"), TestApp.TESTER_KEY));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refused.getStatus().getDescription())
                .isEqualTo("the API key in x-api-key and the client certificate belong to different callers");
        await().untilAsserted(() -> assertThat(app.getBean(CallEvents.class).all())
                .filteredOn(GrpcCallFailed.class::isInstance)
                .singleElement()
                .satisfies(event -> {
                    assertThat(((GrpcCallFailed) event).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(((GrpcCallFailed) event).call().caller()).isEqualTo("-");
                }));
    }

    @Test
    void aCertificateWithoutItsCallersKeyIsUnauthenticated() {
        var refused = catchThrowableOfType(StatusRuntimeException.class, () -> whoAmI(channel("developer"), null));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refused.getStatus().getDescription())
                .isEqualTo("an API key is required in the x-api-key metadata header");
    }

    @Test
    void healthNeedsTheCertificateOnly() {
        ManagedChannel developer = channel("developer");
        // Answered without a key; SERVING once the service's first health check (its database) has run.
        await().atMost(Duration.ofSeconds(20)).until(() -> GrpcProbes.health(developer) == ServingStatus.SERVING);
    }

    private String whoAmI(ManagedChannel channel, String key) {
        Channel withKey = key == null ? channel : ClientInterceptors.intercept(channel, ApiKeys.clientInterceptor(key));
        return ClientCalls.blockingUnaryCall(
                        withKey,
                        TestGrpcService.WHO_AM_I,
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                        StringValue.of("?"))
                .getValue();
    }

    private ManagedChannel channel(String client) {
        try {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                            "localhost",
                            port,
                            TlsChannelCredentials.newBuilder()
                                    .keyManager(
                                            certificates.certificate(client).toFile(),
                                            certificates.privateKey(client).toFile())
                                    .trustManager(certificates.caCertificate().toFile())
                                    .build())
                    .build();
            channels.add(channel);
            return channel;
        } catch (IOException e) {
            throw new IllegalStateException("could not read the test certificates", e);
        }
    }
}
