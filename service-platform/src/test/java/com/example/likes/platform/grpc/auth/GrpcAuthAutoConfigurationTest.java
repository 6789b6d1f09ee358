package com.example.likes.platform.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What a service gets from its key configuration, and what it is refused at startup. */
class GrpcAuthAutoConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GrpcAuthAutoConfiguration.class));

    @Test
    void keysTurnIntoCallersAndAnInterceptorThatChecksThem() {
        context.withPropertyValues("platform.grpc.auth.keys=product-service:product-service-key-1")
                .run(app -> {
                    assertThat(app.getBean(ApiKeys.class).callers()).containsExactly("product-service");
                    assertThat(app).hasSingleBean(ApiKeyServerInterceptor.class);
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
    void withAuthenticationOffNoKeyIsCheckedOrNeeded() {
        context.withPropertyValues("platform.grpc.auth.enabled=false").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).doesNotHaveBean(ApiKeys.class);
            assertThat(app).doesNotHaveBean(ApiKeyServerInterceptor.class);
        });
    }
}
