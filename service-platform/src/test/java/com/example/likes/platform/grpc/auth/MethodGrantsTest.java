package com.example.likes.platform.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.example.likes.platform.testapp.TestGrpcService;
import com.google.protobuf.StringValue;
import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.security.access.AccessDeniedException;

/**
 * The method grants as Spring gRPC's security interceptor applies them, one call at a time: which caller may call
 * which method. Over real ports, {@code GrpcPlatformTest} checks the same with its answers and codes.
 */
class MethodGrantsTest {

    private static final String PRODUCT_KEY = "product-service-key-1";
    private static final String DEVELOPER_KEY = "developer-key-00000001";
    private static final String NOBODY_KEY = "nobody-key-000000001";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class,
                    GrpcServerAutoConfiguration.class,
                    GrpcServerSecurityAutoConfiguration.class,
                    GrpcAuthAutoConfiguration.class))
            .withBean(BindableService.class, MethodGrantsTest::aService)
            .withPropertyValues(
                    "spring.grpc.server.port=0",
                    "platform.grpc.tls.enabled=false",
                    "platform.grpc.auth.keys=product-service:" + PRODUCT_KEY + ",developer:" + DEVELOPER_KEY
                            + ",nobody:" + NOBODY_KEY,
                    "platform.grpc.auth.permissions.product-service="
                            + "dashboard.v1.UserService/GetUser, dashboard.v1.ProductService/* ",
                    "platform.grpc.auth.permissions.nobody=");

    @Test
    void aCallerMayCallTheMethodsItIsGiven() {
        context.run(app -> {
            var security = app.getBean(AuthenticationProcessInterceptor.class);

            assertAllowed(security, PRODUCT_KEY, "dashboard.v1.UserService/GetUser");
            assertThat(refusal(security, PRODUCT_KEY, "dashboard.v1.UserService/DeleteUser"))
                    .isEqualTo("product-service may not call dashboard.v1.UserService/DeleteUser");
        });
    }

    @Test
    void aServiceWildcardGivesEveryMethodOfThatServiceAndNoOther() {
        context.run(app -> {
            var security = app.getBean(AuthenticationProcessInterceptor.class);

            assertAllowed(security, PRODUCT_KEY, "dashboard.v1.ProductService/LikeProduct");
            assertThat(refusal(security, PRODUCT_KEY, "dashboard.v1.ProductServiceAdmin/Drop"))
                    .isEqualTo("product-service may not call dashboard.v1.ProductServiceAdmin/Drop");
        });
    }

    @Test
    void aCallerGivenNoMethodsMayCallNone() {
        context.run(app -> assertThat(refusal(
                        app.getBean(AuthenticationProcessInterceptor.class),
                        NOBODY_KEY,
                        "dashboard.v1.UserService/GetUser"))
                .isEqualTo("nobody may not call dashboard.v1.UserService/GetUser"));
    }

    @Test
    void aCallerWithoutAnEntryMayCallNothingButTheGrantsOfOthersDoNotReachIt() {
        context.run(app -> {
            var security = app.getBean(AuthenticationProcessInterceptor.class);

            assertThat(refusal(security, DEVELOPER_KEY, "dashboard.v1.UserService/GetUser"))
                    .isEqualTo("developer may not call dashboard.v1.UserService/GetUser");
            assertThat(refusal(security, DEVELOPER_KEY, "dashboard.v1.ProductService/LikeProduct"))
                    .isEqualTo("developer may not call dashboard.v1.ProductService/LikeProduct");
        });
    }

    @Test
    void healthAndReflectionAreOpenToAnyoneWithoutAKey() {
        context.run(app -> {
            var security = app.getBean(AuthenticationProcessInterceptor.class);

            assertAllowed(security, null, "grpc.health.v1.Health/Check");
            assertAllowed(security, null, "grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
        });
    }

    /** The call reaches the service: the interceptor neither throws nor keeps it from the next handler. */
    private static void assertAllowed(AuthenticationProcessInterceptor security, String key, String method) {
        ServerCallHandler<StringValue, StringValue> service = handler();
        security.interceptCall(call(method), headers(key), service);
        verify(service).startCall(any(), any());
    }

    private static String refusal(AuthenticationProcessInterceptor security, String key, String method) {
        ServerCallHandler<StringValue, StringValue> service = handler();
        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                AccessDeniedException.class, () -> security.interceptCall(call(method), headers(key), service));
        assertThat(refused).as("%s calling %s", key, method).isNotNull();
        return refused.getMessage();
    }

    @SuppressWarnings("unchecked")
    private static ServerCall<StringValue, StringValue> call(String method) {
        ServerCall<StringValue, StringValue> call = mock(ServerCall.class);
        when(call.getMethodDescriptor())
                .thenReturn(TestGrpcService.ECHO.toBuilder()
                        .setFullMethodName(method)
                        .build());
        when(call.getAttributes()).thenReturn(Attributes.EMPTY);
        return call;
    }

    @SuppressWarnings("unchecked")
    private static ServerCallHandler<StringValue, StringValue> handler() {
        ServerCallHandler<StringValue, StringValue> handler = mock(ServerCallHandler.class);
        when(handler.startCall(any(), any())).thenReturn(new ServerCall.Listener<>() {});
        return handler;
    }

    private static Metadata headers(String key) {
        Metadata headers = new Metadata();
        if (key != null) {
            headers.put(ApiKeys.HEADER, key);
        }
        return headers;
    }

    private static BindableService aService() {
        return () -> ServerServiceDefinition.builder(TestGrpcService.NAME)
                .addMethod(TestGrpcService.ECHO, ServerCalls.asyncUnaryCall((request, response) -> {}))
                .build();
    }
}
