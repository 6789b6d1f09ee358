package com.example.likes.dashboard;

import com.example.likes.platform.config.DevelopmentMode;
import com.example.likes.platform.grpc.auth.ApiKeys;
import com.example.likes.platform.web.auth.EndUser;
import com.example.likes.testsupport.GrpcGrants;
import com.example.likes.testsupport.PostgresContainer;
import com.example.likes.testsupport.TestDatabase;
import com.example.likes.testsupport.TestIssuer;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The base of every integration test: the whole service on random REST and gRPC ports, against a real
 * PostgreSQL, with product-service played by {@link FakeProductService}.
 *
 * <p>The gRPC server accepts a test key for every caller that {@code application.yml} grants a method
 * ({@link GrpcGrants#testKeys()}; {@link #grpcAs(String)} calls with it), with that file's permissions and rate
 * limits, and a second key for product-service, as while a key rotates. The management port is random too, with
 * {@link #OPERATOR_KEY} as the operator's key. The tests run in the {@code dev} profile, as development does. Calls
 * over {@link #grpc()} present product-service's current key.
 *
 * <p>The REST port trusts the {@link TestIssuer}'s tokens: {@link #rest} calls without one, {@link #editor()} as the
 * product editor, {@link #user(String)} as an end user.
 *
 * <p>Subclasses must not change the configuration (no extra properties, beans or mocks): then Spring starts
 * the context once and every test class shares it. Each test starts from empty tables.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.grpc.server.port=0",
            "management.server.port=0",
            // The tests write and read from one address faster than the REST limits per client allow (platform tests
            // cover them).
            "platform.web.rate-limit.requests=1000000",
            "platform.web.rate-limit.read-requests=1000000",
            "platform.management.operator-keys=" + DashboardIntegrationTest.OPERATOR_KEY,
            // Plaintext, as the fakes are; mutual TLS is tested end to end (e2e-tests' GrpcMutualTlsIT).
            "platform.grpc.tls.enabled=false",
            "platform.grpc.client.api-keys.product-service=" + FakeProductService.API_KEY
        })
@AutoConfigureRestTestClient
@ActiveProfiles(DevelopmentMode.PROFILE)
@Import(PostgresContainer.class)
public abstract class DashboardIntegrationTest {

    /** product-service's key, and the one that replaces it while the key rotates. */
    protected static final String PRODUCT_SERVICE_KEY = GrpcGrants.testKey("product-service");

    protected static final String PRODUCT_SERVICE_NEXT_KEY = "test-product-service-next-key";

    /** A developer's key: may only call GetUser, ten times a minute (application.yml). */
    protected static final String DEVELOPER_KEY = GrpcGrants.testKey("developer");

    /** The operator's key of the management port. */
    protected static final String OPERATOR_KEY = "test-operator-key-0001";

    /** product-service, as far as the dashboard can tell: one per JVM, shared by all test classes. */
    protected static final FakeProductService productService = FakeProductService.startOnce();

    /** Signs the tokens the tests send; the service finds its key through discovery, as it would any issuer's. */
    protected static final TestIssuer issuer = TestIssuer.get();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "dashboard_test");
        TestIssuer.register(registry);
        registry.add(
                "platform.grpc.auth.keys",
                () -> GrpcGrants.ofThisService().testKeys() + ",product-service:" + PRODUCT_SERVICE_NEXT_KEY);
        registry.add("spring.grpc.client.channel.product-service.target", productService::target);
    }

    @Autowired
    protected RestTestClient rest;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private GrpcServerLifecycle grpcServer;

    @LocalManagementPort
    private int managementPort;

    private ManagedChannel grpcChannel;
    private Channel productServiceChannel;

    @BeforeEach
    void startFromEmptyTables() {
        jdbc.sql("truncate product_like, product, app_user, outbox_event").update();
        productService.reset();
    }

    /** The REST port as the product editor: scopes {@code products:write} and {@code users:read}. */
    protected RestTestClient editor() {
        return withToken(issuer.token("editor", "products:write", "users:read"));
    }

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

    /** The management port's number. */
    protected int managementPort() {
        return managementPort;
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

    /** A plaintext channel to the service's gRPC port that calls as product-service, closed after the test. */
    protected Channel grpc() {
        if (productServiceChannel == null) {
            productServiceChannel = grpcWithKey(PRODUCT_SERVICE_KEY);
        }
        return productServiceChannel;
    }

    /** The same channel, calling as {@code caller} with its test key. */
    protected Channel grpcAs(String caller) {
        return grpcWithKey(GrpcGrants.testKey(caller));
    }

    /** The same channel, presenting {@code key} in {@code x-api-key}. */
    protected Channel grpcWithKey(String key) {
        return ClientInterceptors.intercept(grpcWithoutKey(), ApiKeys.clientInterceptor(key));
    }

    /** The same channel, without a key. */
    protected Channel grpcWithoutKey() {
        if (grpcChannel == null) {
            grpcChannel = ManagedChannelBuilder.forAddress("localhost", grpcServer.getPort())
                    .usePlaintext()
                    .build();
        }
        return grpcChannel;
    }

    @AfterEach
    void closeGrpcChannel() throws InterruptedException {
        if (grpcChannel != null) {
            grpcChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            grpcChannel = null;
            productServiceChannel = null;
        }
    }

    /** Creates a product over REST, as the editor; returns its id. */
    protected String createdProductId(String title) {
        return editor().post()
                .uri("/api/products")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\": \"%s\"}".formatted(title))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
    }
}
