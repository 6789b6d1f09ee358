package com.example.likes.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Outside the dev profile, a published secret or authentication switched off stops the start, naming the setting.
 * (e2e-tests' DevelopmentModeIT starts the real services that way, as processes.)
 */
class DevelopmentModeTest {

    private final DevelopmentMode developmentMode = new DevelopmentMode();

    @Test
    void aPublishedDatabasePasswordIsRefusedNamingTheVariableThatFeedsIt() {
        var failure = check(Map.of("spring.datasource.password", "${DASHBOARD_DB_PASSWORD:dashboard}"));

        assertThat(failure)
                .isInstanceOf(DevelopmentMode.DevelopmentSettingOutsideDevException.class)
                .hasMessageStartingWith("DASHBOARD_DB_PASSWORD (spring.datasource.password) holds a development secret")
                .hasMessageNotContaining("dashboard,");
    }

    @Test
    void aPublishedCallerKeyAmongOthersIsRefused() {
        var failure = check(Map.of(
                "platform.grpc.auth.keys", "product-service:a-real-secret-0123456789,developer:dev-developer-key"));

        assertThat(failure)
                .hasMessageContaining("platform.grpc.auth.keys")
                .hasMessageNotContaining("dev-developer-key");
    }

    @Test
    void publishedClientAndOperatorKeysAreRefused() {
        assertThat(check(Map.of("platform.grpc.client.api-keys.dashboard-service", "dev-product-service-key")))
                .hasMessageContaining("platform.grpc.client.api-keys.dashboard-service");
        assertThat(check(Map.of("platform.management.operator-keys", "dev-operator-key")))
                .hasMessageContaining("platform.management.operator-keys");
    }

    @Test
    void switchingAuthenticationOffIsRefused() {
        assertThat(check(Map.of("platform.grpc.auth.enabled", "false")))
                .hasMessageContaining("PLATFORM_GRPC_AUTH_ENABLED");
    }

    @Test
    void switchingMutualTlsOffIsRefused() {
        assertThat(check(Map.of("platform.grpc.tls.enabled", "false")))
                .hasMessageContaining("PLATFORM_GRPC_TLS_ENABLED");
    }

    @Test
    void secretsOfOneselfPass() {
        assertThat(check(Map.of(
                        "spring.datasource.password", "s3cret-of-our-own",
                        "platform.grpc.auth.keys", "product-service:a-real-secret-0123456789",
                        "platform.management.operator-keys", "an-operator-secret-0123")))
                .isNull();
    }

    @Test
    void theDevProfileAllowsEverything() {
        var environment =
                environment(Map.of("spring.datasource.password", "dashboard", "platform.grpc.auth.enabled", "false"));
        environment.setActiveProfiles(DevelopmentMode.PROFILE);

        assertThatCode(() -> developmentMode.postProcessEnvironment(environment, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void noOtherProfileLiftsARefusalNotEvenOneForTrainingACache() {
        var environment = environment(Map.of("platform.grpc.tls.enabled", "false"));
        environment.setActiveProfiles("aot-training", "training", "local");

        assertThat(catchThrowable(() -> developmentMode.postProcessEnvironment(environment, new SpringApplication())))
                .hasMessageContaining("PLATFORM_GRPC_TLS_ENABLED");
    }

    /** Every secret in .env.example (a variable ending in _PASSWORD, _KEY or _KEYS) is on the refused list. */
    @Test
    void everySecretOfEnvExampleIsOnThePublishedList() throws IOException {
        Path envExample = Path.of("..", ".env.example");
        Pattern secret = Pattern.compile("^([A-Z0-9_]+(?:PASSWORD|_KEY|_KEYS))=(.+)$");
        List<String> values = Files.readAllLines(envExample).stream()
                .map(secret::matcher)
                .filter(java.util.regex.Matcher::matches)
                .flatMap(line -> List.of(line.group(2).split(",")).stream())
                .map(entry -> entry.contains(":") ? entry.substring(entry.indexOf(':') + 1) : entry)
                .toList();

        assertThat(values).isNotEmpty();
        assertThat(DevelopmentMode.readPublishedSecrets()).containsAll(values);
    }

    private Throwable check(Map<String, Object> properties) {
        return catchThrowable(
                () -> developmentMode.postProcessEnvironment(environment(properties), new SpringApplication()));
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml", properties));
        return environment;
    }
}
