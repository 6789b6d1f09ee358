package com.example.likes.product;

import com.example.likes.platform.config.DevelopmentMode;
import com.example.likes.platform.grpc.auth.ApiKeys;
import com.example.likes.platform.web.auth.EndUser;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc.ProductReceiverServiceBlockingStub;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import com.example.likes.testsupport.PostgresContainer;
import com.example.likes.testsupport.TestDatabase;
import com.example.likes.testsupport.TestIssuer;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The base of every integration test: the whole service on random REST and gRPC ports, against a real PostgreSQL
 * and a {@link FakeDashboard}. Subclasses must not change this configuration, so that Spring starts the context
 * once for the whole suite. Each test starts from empty tables and a fake dashboard that knows nobody.
 *
 * <p>The gRPC server accepts the dashboard's test key, with the permissions of {@code application.yml}; calls over
 * {@link #grpcChannel()} present it. The service calls the fake dashboard with {@link FakeDashboard#API_KEY}.
 *
 * <p>The REST port trusts the {@link TestIssuer}'s tokens: {@link #rest} calls without one, {@link #user(String)} as an
 * end user.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "management.server.port=0",
            // The tests write and read from one address faster than the REST limits per client allow (platform tests
            // cover them).
            "platform.web.rate-limit.requests=1000000",
            "platform.web.rate-limit.read-requests=1000000",
            "platform.management.operator-keys=" + ProductIntegrationTest.OPERATOR_KEY,
            // Plaintext, as the fakes are; mutual TLS is tested end to end (e2e-tests' GrpcMutualTlsIT).
            "platform.grpc.tls.enabled=false",
            "platform.grpc.auth.keys=dashboard-service:" + ProductIntegrationTest.DASHBOARD_KEY,
            "platform.grpc.client.api-keys.dashboard-service=" + FakeDashboard.API_KEY
        })
@AutoConfigureRestTestClient
@ActiveProfiles(DevelopmentMode.PROFILE)
@Import(PostgresContainer.class)
public abstract class ProductIntegrationTest {

    /** The key the dashboard presents to this service. */
    protected static final String DASHBOARD_KEY = "test-dashboard-service-key";

    /** The operator's key of the management port. */
    protected static final String OPERATOR_KEY = "test-operator-key-0001";

    protected static final FakeDashboard dashboard = FakeDashboard.shared();

    /** Signs the tokens the tests send; the service finds its key through discovery, as it would any issuer's. */
    protected static final TestIssuer issuer = TestIssuer.get();

    @DynamicPropertySource
    static void externalServices(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "product_test");
        TestIssuer.register(registry);
        registry.add("spring.grpc.client.channel.dashboard-service.target", dashboard::target);
    }

    @Autowired
    protected RestTestClient rest;

    @LocalManagementPort
    private int managementPort;

    /** The REST port as the end user {@code subject}, a token without scopes. */
    protected RestTestClient user(String subject) {
        return withToken(issuer.token(subject));
    }

    /** The REST port with {@code token} as the bearer token. */
    protected RestTestClient withToken(String token) {
        return rest.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    /** The user id of the end user {@code subject}: every service derives it from the token alone. */
    protected static UUID idOf(String subject) {
        return EndUser.idOf(issuer.uri(), subject);
    }

    /** The management port (Actuator), without a credential. */
    protected RestTestClient management() {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .build();
    }

    /** The management port, as an operator's script calls it: the key as a bearer key. */
    protected RestTestClient operator() {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .defaultHeaders(headers -> headers.setBearerAuth(OPERATOR_KEY))
                .build();
    }

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private GrpcServerLifecycle grpcServer;

    private ManagedChannel grpcChannel;
    private Channel dashboardChannel;

    @BeforeEach
    void startFromEmptyStores() {
        jdbc.sql("truncate product_like, product").update();
        dashboard.reset();
        grpcChannel = ManagedChannelBuilder.forAddress("localhost", grpcServer.getPort())
                .usePlaintext()
                .build();
        dashboardChannel = ClientInterceptors.intercept(grpcChannel, ApiKeys.clientInterceptor(DASHBOARD_KEY));
    }

    @AfterEach
    void closeGrpcChannel() throws InterruptedException {
        grpcChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A plaintext channel to this service's gRPC port that calls as the dashboard, closed after each test. */
    protected Channel grpcChannel() {
        return dashboardChannel;
    }

    /** The same channel, without a key. */
    protected Channel grpcChannelWithoutKey() {
        return grpcChannel;
    }

    // Generous: the first call of a run may wait for a busy machine; a hung call still ends.
    protected ProductReceiverServiceBlockingStub replication() {
        return ProductReceiverServiceGrpc.newBlockingStub(dashboardChannel).withDeadlineAfter(Duration.ofSeconds(30));
    }

    /** Delivers a create as the dashboard would; returns whether the replica applied it. */
    protected boolean create(ProductState.Builder product) {
        return replication()
                .createProductFromReceiver(CreateProductFromReceiverRequest.newBuilder()
                        .setProduct(product)
                        .build())
                .getApplied();
    }

    /** Delivers an update as the dashboard would; returns whether the replica applied it. */
    protected boolean update(ProductState.Builder product) {
        return replication()
                .updateProductFromReceiver(UpdateProductFromReceiverRequest.newBuilder()
                        .setProduct(product)
                        .build())
                .getApplied();
    }

    /** Delivers a delete as the dashboard would; returns whether the replica applied it. */
    protected boolean delete(String id, long version) {
        return replication()
                .deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                        .setId(id)
                        .setVersion(version)
                        .build())
                .getApplied();
    }

    /** A product that the dashboard knows with {@code likes} likes and that has reached the replica. */
    protected UUID givenProduct(long likes) {
        ProductState.Builder product = ProductStates.aProduct();
        UUID id = UUID.fromString(product.getId());
        dashboard.givenProduct(id, likes);
        create(product);
        return id;
    }
}
