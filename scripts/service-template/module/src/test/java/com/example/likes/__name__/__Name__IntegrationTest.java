package com.example.likes.__name__;

import com.example.likes.platform.config.DevelopmentMode;
import com.example.likes.platform.grpc.auth.ApiKeys;
import com.example.likes.testsupport.FakeGrpcServer;
import com.example.likes.testsupport.GrpcGrants;
import com.example.likes.testsupport.PostgresContainer;
import com.example.likes.testsupport.TestDatabase;
import com.example.likes.testsupport.TestIssuer;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The base of every integration test: the whole service on random REST, gRPC and management ports, against a real
 * PostgreSQL. Subclasses must not change this configuration, so that Spring starts the context once for the whole
 * suite. Each test starts from empty tables.
 *
 * <p>The gRPC server accepts a test key for every caller that {@code application.yml} grants a method
 * ({@link GrpcGrants#testKeys()}; {@link #grpcAs(String)} calls with it), and {@link #UNGRANTED_KEY} (a caller with a
 * key and no grant); calls over {@link #grpc()} present the developer's. The gRPC servers this service calls are
 * played by {@link FakeGrpcServer}s, which start each test with no answers.
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
            "platform.management.operator-keys=" + __Name__IntegrationTest.OPERATOR_KEY,
            // Plaintext; mutual TLS is tested end to end (e2e-tests' GrpcMutualTlsIT).
            "platform.grpc.tls.enabled=false"
        })
@AutoConfigureRestTestClient
@ActiveProfiles(DevelopmentMode.PROFILE)
@Import(PostgresContainer.class)
public abstract class __Name__IntegrationTest {

    /** A developer's key: may call GetItem (application.yml). */
    protected static final String DEVELOPER_KEY = GrpcGrants.testKey("developer");

    /** The key of a caller that application.yml grants nothing. */
    protected static final String UNGRANTED_KEY = "test-stranger-key-0001";

    /** The operator's key of the management port. */
    protected static final String OPERATOR_KEY = "test-operator-key-0001";

    /** Signs the tokens the tests send; the service finds its key through discovery, as it would any issuer's. */
    protected static final TestIssuer issuer = TestIssuer.get();

    // The gRPC servers this service calls, each a fake that serves the callee's gRPC services (scripts/new-client).

    @DynamicPropertySource
    static void externalServices(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "__name___test");
        TestIssuer.register(registry);
        registry.add("platform.grpc.auth.keys", () -> GrpcGrants.ofThisService().testKeys() + ",stranger:" + UNGRANTED_KEY);
        // Where each fake listens, and the key it takes (scripts/new-client).
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

    @BeforeEach
    void startFromEmptyTables() {
        jdbc.sql("truncate item").update();
        grpcChannel = ManagedChannelBuilder.forAddress("localhost", grpcServer.getPort())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void closeGrpcChannel() throws InterruptedException {
        grpcChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A plaintext channel to this service's gRPC port that calls as the developer, closed after each test. */
    protected Channel grpc() {
        return grpcWithKey(DEVELOPER_KEY);
    }

    /** The same channel, calling as {@code caller} with its test key. */
    protected Channel grpcAs(String caller) {
        return grpcWithKey(GrpcGrants.testKey(caller));
    }

    /** The same channel, presenting {@code key} in {@code x-api-key}. */
    protected Channel grpcWithKey(String key) {
        return ClientInterceptors.intercept(grpcChannel, ApiKeys.clientInterceptor(key));
    }

    /** The same channel, without a key. */
    protected Channel grpcWithoutKey() {
        return grpcChannel;
    }

    /** The REST port as the end user {@code subject}, a token without scopes. */
    protected RestTestClient user(String subject) {
        return rest.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(issuer.token(subject)))
                .build();
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
}
