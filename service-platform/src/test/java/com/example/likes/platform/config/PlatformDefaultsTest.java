package com.example.likes.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    @Test
    void theSharedDefaultsApplyWhereNothingElseSaysOtherwise() {
        StandardEnvironment environment = new StandardEnvironment();

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.grpc.server.reflection.enabled"))
                .isEqualTo("true");
        assertThat(environment.getProperty("management.tracing.baggage.remote-fields"))
                .isEqualTo("x-request-id");
        assertThat(environment.getProperty("spring.grpc.server.keepalive.connection.max-age"))
                .isEqualTo("5m");
    }

    @Test
    void aServicesOwnSettingAndThePlatformVariableWinOverTheDefault() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "application.yml",
                        Map.of(
                                "spring.grpc.server.shutdown.grace-period", "42s",
                                "PLATFORM_GRPC_SERVER_KEEPALIVE_TIME", "7m")));

        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.grpc.server.shutdown.grace-period"))
                .isEqualTo("42s");
        assertThat(environment.getProperty("spring.grpc.server.keepalive.time")).isEqualTo("7m");
    }
}
