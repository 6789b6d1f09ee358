package com.example.likes.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.platform.grpc.auth.GrpcAuthProperties;
import com.example.likes.platform.grpc.ratelimit.GrpcRateLimitProperties;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The platform's variables of {@code .env.example} reach the settings they name. */
class EnvironmentVariablesTest {

    @Test
    void rateLimitVariablesBind() {
        var limits = bind(
                Map.of(
                        "PLATFORM_GRPC_RATE_LIMIT_ENABLED", "false",
                        "PLATFORM_GRPC_RATE_LIMIT_REQUESTS", "7",
                        "PLATFORM_GRPC_RATE_LIMIT_PER", "3s"),
                "platform.grpc.rate-limit",
                GrpcRateLimitProperties.class);

        assertThat(limits.enabled()).isFalse();
        assertThat(limits.requests()).isEqualTo(7);
        assertThat(limits.per()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void serverVariablesBind() {
        var server = bind(
                Map.of(
                        "PLATFORM_GRPC_SERVER_MAX_CONCURRENT_CALLS_PER_CONNECTION", "5",
                        "PLATFORM_GRPC_SERVER_SHUTDOWN_DELAY", "2s"),
                "platform.grpc.server",
                PlatformGrpcServerProperties.class);

        assertThat(server.maxConcurrentCallsPerConnection()).isEqualTo(5);
        assertThat(server.shutdownDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(server.isPublic("grpc.health.v1.Health")).isTrue();
    }

    @Test
    void authenticationCanBeSwitchedOff() {
        var auth = bind(Map.of("PLATFORM_GRPC_AUTH_ENABLED", "false"), "platform.grpc.auth", GrpcAuthProperties.class);

        assertThat(auth.enabled()).isFalse();
    }

    private static <T> T bind(Map<String, Object> variables, String prefix, Class<T> type) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate(prefix, type);
    }
}
