package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.likes.localstack.DevCertificates;
import com.example.likes.localstack.LocalStack;
import com.example.likes.localstack.ServiceProcess;
import com.example.likes.localstack.StackSettings;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.example.likes.testsupport.GrpcProbes;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The system with gRPC over mutual TLS, as production runs it (decision 16): its own stack, with the development
 * certificates the local stack makes. Likes and replication work across both services; a client needs a
 * certificate from the services' CA and a key of the caller that certificate names, and verifies the server's
 * certificate and name, or no call gets through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcMutualTlsIT {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final Path root =
            Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("e2e.workDirectory", "target/stack") + "-tls")
            .toAbsolutePath();
    private LocalStack stack;
    private DevCertificates certificates;
    // Another CA and a certificate it signed for a client named developer: what nobody here trusts.
    private DevCertificates stranger;
    private Http dashboard;
    private Http product;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    void startTheStackWithTls() {
        assumeTrue(
                System.getProperty("e2e.stack", "local").equals("local"),
                "the TLS suite runs a local stack of its own, so it runs once, in the local mode");
        StackSettings settings = StackSettings.forTests(root, work).withGrpcTls(true);
        stack = LocalStack.start(settings);
        certificates = settings.certificates();
        stranger = new DevCertificates(work.resolve("stranger-certs"));
        stranger.ensure(List.of("dashboard-service"), List.of("developer"));
        dashboard = new Http(stack.service("dashboard-service").baseUri()).withToken(stack.tokens()::editor);
        product = new Http(stack.service("product-service").baseUri());
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }

    @Test
    void aProductCreatedOnTheDashboardReachesProductServiceAndALikeThereIsCountedOnTheDashboard() {
        DevUser user = DevUser.registered(
                stack.tokens(), stack.service("dashboard-service").baseUri());
        Http.Response created = dashboard.post("/api/products", "{\"title\": \"Sealed envelope\"}");
        assertThat(created.status()).isEqualTo(201);
        String productId = created.json().get("id").asString();

        // Replication retries: a cold JVM's first deliveries may outlast their deadline.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> product.get("/api/products/" + productId).status() == 200);
        // A like whose call to the dashboard timed out (504) changed nothing and is retried: it counts once.
        Http.Response like = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> FaultTests.like(product, productId, user),
                        response -> response.status() != 503 && response.status() != 504);

        assertThat(like.status()).as(like.toString()).isEqualTo(200);
        assertThat(like.json().get("likes").asLong()).isEqualTo(1);
        assertThat(dashboard
                        .get("/api/products/" + productId)
                        .json()
                        .get("likes")
                        .asLong())
                .isEqualTo(1);
    }

    @Nested
    class WithADevelopersCertificate {

        @Test
        void healthAndReflectionWorkOnBothServersWithoutAKey() throws Exception {
            Channel dashboardChannel = channel(stack.service("dashboard-service"), developer());
            Channel productChannel = channel(stack.service("product-service"), developer());

            assertThat(GrpcProbes.health(dashboardChannel)).isEqualTo(ServingStatus.SERVING);
            assertThat(GrpcProbes.health(productChannel)).isEqualTo(ServingStatus.SERVING);
            assertThat(GrpcProbes.reflectedServices(dashboardChannel))
                    .contains("dashboard.v1.UserService", "dashboard.v1.ProductService");
            assertThat(GrpcProbes.reflectedServices(productChannel)).contains("product.v1.ProductReceiverService");
        }

        @Test
        void aMethodStillNeedsTheCallersKey() {
            String user = DevUser.registered(
                            stack.tokens(), stack.service("dashboard-service").baseUri())
                    .id();
            Channel channel = channel(stack.service("dashboard-service"), developer());
            GetUserRequest request = GetUserRequest.newBuilder().setId(user).build();

            var withoutKey = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> UserServiceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getUser(request));
            String found = UserServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                            key(stack.settings().grpcKeys().of("developer", "dashboard-service"))))
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getUser(request)
                    .getUser()
                    .getId();

            assertThat(withoutKey.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(found).isEqualTo(user);
        }

        @Test
        void anotherCallersKeyIsUnauthenticated() {
            String user = dashboard.post("/api/users", "{}").json().get("id").asString();
            Channel channel = channel(stack.service("dashboard-service"), developer());

            // product-service's key opens GetUser with product-service's certificate, never with the developer's.
            var refused = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> UserServiceGrpc.newBlockingStub(channel)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                                    key(stack.settings().grpcKeys().of("product-service", "dashboard-service"))))
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .getUser(GetUserRequest.newBuilder().setId(user).build()));

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void whileACaRotatesAServerTrustingTheOldAndTheNewCaAcceptsClientsOfBoth() throws Exception {
        // Step 1 of the rotation in docs/security.md: the new CA (the stranger's) beside the old one in the trust file.
        Path oldAndNew = work.resolve("trust-old-and-new-ca.crt");
        Files.writeString(
                oldAndNew, Files.readString(certificates.caCertificate()) + Files.readString(stranger.caCertificate()));
        ServiceProcess rotating = stack.anotherInstanceOf(
                "product-service",
                "product-service-trusting-two-cas",
                Map.of("PLATFORM_GRPC_TLS_TRUST", oldAndNew.toString()));
        ChannelCredentials newCaClient = TlsChannelCredentials.newBuilder()
                .keyManager(
                        stranger.certificate("developer").toFile(),
                        stranger.privateKey("developer").toFile())
                .trustManager(certificates.caCertificate().toFile())
                .build();
        try {
            rotating.start();
            rotating.awaitReady(LocalStack.READY_TIMEOUT);

            // A fresh JVM's first handshakes may outlast one call's deadline on a busy machine; a refusal never
            // turns SERVING, so waiting for it still fails when the client is refused.
            Channel oldCaChannel = channel(rotating, developer());
            Channel newCaChannel = channel(rotating, newCaClient);
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> GrpcProbes.health(oldCaChannel) == ServingStatus.SERVING);
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> GrpcProbes.health(newCaChannel) == ServingStatus.SERVING);
            // The instance that trusts the old CA only still refuses the new one's client.
            var refused = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> GrpcProbes.health(channel(stack.service("product-service"), newCaClient)));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            rotating.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void developmentCertificatesAreKeptWhileValidAndAllMadeAnewWhenOneIsMissing(@TempDir Path folder)
            throws IOException {
        DevCertificates made = new DevCertificates(folder);
        List<String> clients = List.of("developer");
        assertThat(made.ensure(List.of(), clients)).isTrue();
        String ca = Files.readString(made.caCertificate());
        String key = Files.readString(made.privateKey("developer"));

        assertThat(made.ensure(List.of(), clients)).as("a second start").isFalse();
        assertThat(Files.readString(made.caCertificate())).isEqualTo(ca);
        assertThat(Files.readString(made.privateKey("developer"))).isEqualTo(key);

        Files.delete(made.privateKey("developer"));
        assertThat(made.ensure(List.of(), clients))
                .as("a start after the key was lost")
                .isTrue();
        assertThat(Files.readString(made.caCertificate())).isNotEqualTo(ca);
        assertThat(Files.readString(made.privateKey("developer"))).isNotEqualTo(key);
    }

    @Nested
    class Refused {

        @ParameterizedTest
        @ValueSource(strings = {"dashboard-service", "product-service"})
        void aPlaintextClient(String service) {
            assertRefused(channel(server(service), InsecureChannelCredentials.create()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"dashboard-service", "product-service"})
        void aClientWithoutACertificate(String service) throws IOException {
            assertRefused(channel(
                    server(service),
                    TlsChannelCredentials.newBuilder()
                            .trustManager(certificates.caCertificate().toFile())
                            .build()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"dashboard-service", "product-service"})
        void aClientWhoseCertificateAnotherCaSigned(String service) throws IOException {
            assertRefused(channel(
                    server(service),
                    TlsChannelCredentials.newBuilder()
                            .keyManager(
                                    stranger.certificate("developer").toFile(),
                                    stranger.privateKey("developer").toFile())
                            .trustManager(certificates.caCertificate().toFile())
                            .build()));
        }

        @Test
        void byTheClientAServerWhoseCertificateItsCaDidNotSign() throws IOException {
            // The client trusts only the stranger's CA: the real dashboard's certificate does not verify.
            assertRefused(channel(
                    stack.service("dashboard-service"),
                    TlsChannelCredentials.newBuilder()
                            .keyManager(
                                    certificates.certificate("developer").toFile(),
                                    certificates.privateKey("developer").toFile())
                            .trustManager(stranger.caCertificate().toFile())
                            .build()));
        }

        @Test
        void byTheClientAServerWhoseCertificateNamesAnotherHost() throws IOException {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                            "localhost", stack.service("dashboard-service").grpcPort(), developer())
                    .overrideAuthority("elsewhere.example")
                    .build();
            channels.add(channel);

            assertRefused(channel);
        }

        @Test
        void aServiceWithTlsOnButNoTrustRefusesToStartAndNamesTheSetting() throws IOException {
            ServiceProcess misconfigured = stack.anotherInstanceOf(
                    "product-service", "product-service-without-trust", Map.of("PLATFORM_GRPC_TLS_TRUST", ""));
            try {
                misconfigured.start();
                misconfigured.awaitReady(LocalStack.READY_TIMEOUT);
                fail("product-service started without a trusted CA");
            } catch (IllegalStateException exited) {
                assertThat(exited).hasMessageContaining("exited with code");
            } finally {
                misconfigured.stop(Duration.ofSeconds(10));
            }
            assertThat(Files.readString(misconfigured.logFile()))
                    .contains("PLATFORM_GRPC_TLS_TRUST (platform.grpc.tls.trust) is not set");
        }

        private ServiceProcess server(String service) {
            return service.equals("dashboard-service")
                    ? stack.service("dashboard-service")
                    : stack.service("product-service");
        }

        private void assertRefused(Channel channel) {
            var failure = catchThrowableOfType(StatusRuntimeException.class, () -> GrpcProbes.health(channel));

            assertThat(failure).as("a health check over a refused connection").isNotNull();
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    private ChannelCredentials developer() {
        try {
            return TlsChannelCredentials.newBuilder()
                    .keyManager(
                            certificates.certificate("developer").toFile(),
                            certificates.privateKey("developer").toFile())
                    .trustManager(certificates.caCertificate().toFile())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the development certificates", e);
        }
    }

    private ManagedChannel channel(ServiceProcess server, ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.grpcPort(), credentials)
                .build();
        channels.add(channel);
        return channel;
    }

    private static Metadata key(String value) {
        Metadata headers = new Metadata();
        headers.put(API_KEY, value);
        return headers;
    }
}
