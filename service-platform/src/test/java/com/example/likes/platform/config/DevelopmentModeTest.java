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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Outside the dev profile, a published secret, an empty password or a protection switched off or weakened stops the
 * start, naming the setting.
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

    /** Each protection that only the dev profile may switch off, in every form Spring reads as false. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "platform.grpc.auth.enabled, false, PLATFORM_GRPC_AUTH_ENABLED",
        "platform.grpc.tls.enabled, off, PLATFORM_GRPC_TLS_ENABLED",
        "platform.grpc.tls.enabled, 0, PLATFORM_GRPC_TLS_ENABLED",
        "spring.grpc.server.ssl.enabled, false, SPRING_GRPC_SERVER_SSL_ENABLED",
        "spring.grpc.server.ssl.secure, no, SPRING_GRPC_SERVER_SSL_SECURE",
        "platform.grpc.rate-limit.enabled, false, PLATFORM_GRPC_RATE_LIMIT_ENABLED",
        "platform.web.rate-limit.enabled, false, PLATFORM_WEB_RATE_LIMIT_ENABLED",
        "platform.admission.enabled, false, PLATFORM_ADMISSION_ENABLED"
    })
    void switchingAProtectionOffIsRefusedNamingTheSetting(String setting, String value, String variable) {
        assertThat(check(Map.of(setting, value)))
                .isInstanceOf(DevelopmentMode.DevelopmentSettingOutsideDevException.class)
                .hasMessageStartingWith(variable + " (" + setting + ") is false")
                .hasMessageContaining("dev profile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "optional", "OPTIONAL"})
    void aGrpcServerThatDoesNotRequireClientCertificatesIsRefused(String clientAuth) {
        assertThat(check(Map.of("spring.grpc.server.ssl.client-auth", clientAuth)))
                .hasMessageStartingWith(
                        "SPRING_GRPC_SERVER_SSL_CLIENT_AUTH (spring.grpc.server.ssl.client-auth) is '" + clientAuth);
        assertThat(check(Map.of("spring.grpc.server.ssl.client-auth", "require")))
                .isNull();
    }

    @Test
    void aChannelWithoutTlsOrWithoutCheckingTheServerIsRefused() {
        assertThat(check(Map.of("spring.grpc.client.channel.product-service.ssl.enabled", "false")))
                .hasMessageContaining("(spring.grpc.client.channel.product-service.ssl.enabled) is false")
                .hasMessageContaining("the channel to product-service");
        assertThat(check(Map.of("spring.grpc.client.channel.product-service.bypass-certificate-validation", "true")))
                .hasMessageContaining("(spring.grpc.client.channel.product-service.bypass-certificate-validation)");
    }

    /** As application.yml gives a channel its TLS: following the platform's switch, which is on. */
    @Test
    void aChannelFollowingThePlatformsTlsSwitchPasses() {
        assertThat(check(Map.of(
                        "platform.grpc.tls.enabled", "true",
                        "spring.grpc.client.channel.product-service.ssl.enabled", "${platform.grpc.tls.enabled}",
                        "spring.grpc.client.channel.product-service.target", "localhost:9092")))
                .isNull();
    }

    @Test
    void aSwitchSetThroughItsVariableIsNamedByIt() {
        var environment = environment(Map.of("platform.grpc.auth.enabled", "${PLATFORM_GRPC_AUTH_ENABLED:true}"));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("variables", Map.of("PLATFORM_GRPC_AUTH_ENABLED", "false")));

        assertThat(catchThrowable(() -> developmentMode.postProcessEnvironment(environment, new SpringApplication())))
                .hasMessageStartingWith("PLATFORM_GRPC_AUTH_ENABLED (platform.grpc.auth.enabled) is false");
    }

    @Test
    void healthDetailsForAnyoneAreRefused() {
        assertThat(check(Map.of("management.endpoint.health.show-details", "always")))
                .hasMessageStartingWith(
                        "MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS (management.endpoint.health.show-details) is always");
        assertThat(check(Map.of("management.endpoint.health.group.readiness.show-details", "ALWAYS")))
                .hasMessageContaining("(management.endpoint.health.group.readiness.show-details) is always");
        assertThat(check(Map.of("management.endpoint.health.show-details", "when-authorized")))
                .isNull();
    }

    @Test
    void anEmptyPasswordIsRefusedNamingTheVariableThatFeedsIt() {
        var environment = environment(Map.of("spring.datasource.password", "${PRODUCT_DB_PASSWORD:product}"));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("variables", Map.of("PRODUCT_DB_PASSWORD", "")));

        assertThat(catchThrowable(() -> developmentMode.postProcessEnvironment(environment, new SpringApplication())))
                .hasMessageStartingWith("PRODUCT_DB_PASSWORD (spring.datasource.password) is empty");
        assertThat(check(Map.of("spring.datasource.password", " "))).hasMessageContaining("is empty");
    }

    @Test
    void aPlainHttpIssuerOfEndUsersTokensIsRefusedNamingTheVariable() {
        var failure = check(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "${PLATFORM_OAUTH2_ISSUER_URI:http://localhost:9000}"));

        assertThat(failure)
                .isInstanceOf(DevelopmentMode.DevelopmentSettingOutsideDevException.class)
                .hasMessageStartingWith(
                        "PLATFORM_OAUTH2_ISSUER_URI (spring.security.oauth2.resourceserver.jwt.issuer-uri)")
                .hasMessageContaining("must be an https URL");
    }

    @Test
    void noIssuerOfEndUsersTokensIsRefused() {
        assertThat(check(Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", "")))
                .hasMessageContaining("must be an https URL");
    }

    @Test
    void anEmptyAudienceIsRefusedNamingTheVariable() {
        assertThat(check(Map.of("spring.security.oauth2.resourceserver.jwt.audiences", "${PLATFORM_OAUTH2_AUDIENCE:}")))
                .hasMessageStartingWith(
                        "PLATFORM_OAUTH2_AUDIENCE (spring.security.oauth2.resourceserver.jwt.audiences)")
                .hasMessageContaining("audience");
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
        var environment = environment(Map.of(
                "spring.datasource.password", "",
                "platform.grpc.auth.enabled", "false",
                "platform.grpc.tls.enabled", "false",
                "spring.grpc.server.ssl.client-auth", "none",
                "platform.web.rate-limit.enabled", "false",
                "management.endpoint.health.show-details", "always",
                "platform.management.operator-keys", "dev-operator-key"));
        environment.setActiveProfiles(DevelopmentMode.PROFILE);

        assertThatCode(() -> developmentMode.postProcessEnvironment(environment, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void noOtherProfileLiftsARefusalNotEvenOneForTrainingACache() {
        var environment = environment(Map.of("platform.grpc.tls.enabled", "false"));
        environment.setActiveProfiles("cache-training", "training", "local");

        assertThat(catchThrowable(() -> developmentMode.postProcessEnvironment(environment, new SpringApplication())))
                .hasMessageContaining("PLATFORM_GRPC_TLS_ENABLED");
    }

    /**
     * Every secret in .env.example (a variable ending in _PASSWORD, _SECRET, _KEY or _KEYS) is on the refused list.
     */
    @Test
    void everySecretOfEnvExampleIsOnThePublishedList() throws IOException {
        Path envExample = Path.of("..", ".env.example");
        Pattern secret = Pattern.compile("^([A-Z0-9_]+(?:PASSWORD|_SECRET|_KEY|_KEYS))=(.+)$");
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

    /** {@code properties} over the settings of a deployment that names its own identity provider. */
    private static StandardEnvironment environment(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml", properties));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "deployment",
                        Map.of(
                                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                                "https://login.example.com/realms/likes",
                                "spring.security.oauth2.resourceserver.jwt.audiences",
                                "likes-api")));
        return environment;
    }
}
