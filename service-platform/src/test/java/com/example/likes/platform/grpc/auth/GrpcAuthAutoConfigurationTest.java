package com.example.likes.platform.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.platform.testapp.TestGrpcService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;

/** What a service gets from its key configuration, and what it is refused at startup. */
@ExtendWith(OutputCaptureExtension.class)
class GrpcAuthAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class,
                    GrpcServerAutoConfiguration.class,
                    GrpcServerSecurityAutoConfiguration.class,
                    GrpcServerOAuth2ResourceServerAutoConfiguration.class,
                    GrpcAuthAutoConfiguration.class))
            .withBean(BindableService.class, GrpcAuthAutoConfigurationTest::aService)
            .withPropertyValues("spring.grpc.server.port=0");

    @Test
    void keysTurnIntoCallersAndSpringGrpcsSecurityInterceptorChecksThem() {
        context.withPropertyValues("platform.grpc.auth.keys=product-service:product-service-key-1")
                .run(app -> {
                    assertThat(app.getBean(ApiKeys.class).callers()).containsExactly("product-service");
                    assertThat(app).hasSingleBean(GrpcCallers.class);
                    assertThat(app).hasSingleBean(AuthenticationProcessInterceptor.class);
                });
    }

    @Test
    void withoutAnyKeyTheServiceRefusesToStartAndSaysWhy() {
        context.run(app -> assertThat(app)
                .getFailure()
                .rootCause()
                .hasMessageContaining("platform.grpc.auth.keys lists no caller:key"));
    }

    @Test
    void aMalformedKeyEntryStopsTheStartWithoutShowingTheEntry() {
        context.withPropertyValues("platform.grpc.auth.keys=product-service:short")
                .run(app -> assertThat(app)
                        .getFailure()
                        .rootCause()
                        .hasMessage("API key entry #1 must be caller:key with a key of at least 16 characters"));
    }

    @Test
    void aGrantThatNamesNeitherAMethodNorAServiceStopsTheStartNamingIt() {
        context.withPropertyValues(
                        "platform.grpc.auth.keys=product-service:product-service-key-1",
                        "platform.grpc.auth.permissions.product-service=dashboard.v1.UserService.GetUser")
                .run(app -> assertThat(app)
                        .getFailure()
                        .rootCause()
                        .hasMessage("platform.grpc.auth.permissions.product-service: 'dashboard.v1.UserService.GetUser'"
                                + " is neither package.Service/Method nor package.Service/*"));
    }

    @Test
    void withAuthenticationOffNoKeyIsCheckedOrNeededAndNoOtherSecurityTakesOver() {
        context.withPropertyValues("platform.grpc.auth.enabled=false").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean(ApiKeys.class);
            assertThat(app).doesNotHaveBean(GrpcCallers.class);
            assertThat(app).hasSingleBean(AuthenticationProcessInterceptor.class);
        });
    }

    /** DevelopmentMode refuses authentication off outside the dev profile; in it, the start says so. */
    @Test
    void withAuthenticationOffTheStartWarns(CapturedOutput output) {
        context.withPropertyValues("platform.grpc.auth.enabled=false").run(app -> {
            app.getBean(ApplicationRunner.class).run(new DefaultApplicationArguments());

            assertThat(output).contains("gRPC authentication is OFF");
        });
    }

    @Test
    void withAuthenticationOnTheStartDoesNotWarn() {
        context.withPropertyValues("platform.grpc.auth.keys=product-service:product-service-key-1")
                .run(app -> assertThat(app).doesNotHaveBean(ApplicationRunner.class));
    }

    private static BindableService aService() {
        return () -> ServerServiceDefinition.builder(TestGrpcService.NAME)
                .addMethod(TestGrpcService.ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .build();
    }
}
