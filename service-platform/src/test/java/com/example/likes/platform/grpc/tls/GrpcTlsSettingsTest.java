package com.example.likes.platform.grpc.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.example.likes.platform.config.PlatformDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class GrpcTlsSettingsTest {

    @TempDir
    Path folder;

    @Test
    void tlsIsOnByDefaultSoAServiceWithoutCertificatesRefusesToStartNamingEverySetting() {
        StandardEnvironment environment = environment(Map.of());

        assertThatIllegalStateException()
                .isThrownBy(() -> check(environment))
                .withMessageContaining("PLATFORM_GRPC_TLS_CERTIFICATE (platform.grpc.tls.certificate) is not set")
                .withMessageContaining("PLATFORM_GRPC_TLS_PRIVATE_KEY (platform.grpc.tls.private-key) is not set")
                .withMessageContaining("PLATFORM_GRPC_TLS_TRUST (platform.grpc.tls.trust) is not set");
    }

    @Test
    void aFileThatIsNotThereIsNamedWithItsSetting() throws IOException {
        StandardEnvironment environment = environment(Map.of(
                "PLATFORM_GRPC_TLS_CERTIFICATE", file("service.crt").toString(),
                "PLATFORM_GRPC_TLS_PRIVATE_KEY", "file:" + file("service.key"),
                "PLATFORM_GRPC_TLS_TRUST", folder.resolve("missing-ca.crt").toString()));

        assertThatIllegalStateException()
                .isThrownBy(() -> check(environment))
                .withMessageContaining("PLATFORM_GRPC_TLS_TRUST (platform.grpc.tls.trust) names no readable file: "
                        + folder.resolve("missing-ca.crt"))
                .withMessageNotContaining("PLATFORM_GRPC_TLS_CERTIFICATE")
                .withMessageNotContaining("PLATFORM_GRPC_TLS_PRIVATE_KEY (");
    }

    @Test
    void filePathsFileUrlsAndInlinePemAreAccepted() throws IOException {
        StandardEnvironment environment = environment(Map.of(
                "PLATFORM_GRPC_TLS_CERTIFICATE",
                file("service.crt").toString(),
                "PLATFORM_GRPC_TLS_PRIVATE_KEY",
                "file:" + file("service.key"),
                "PLATFORM_GRPC_TLS_TRUST",
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"));

        assertThatCode(() -> check(environment)).doesNotThrowAnyException();
        assertThat(environment.getProperty("spring.grpc.server.ssl.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.grpc.server.ssl.bundle")).isEqualTo("grpc");
        assertThat(environment.getProperty("spring.grpc.server.ssl.client-auth"))
                .isEqualTo("require");
        assertThat(environment.getProperty("spring.ssl.bundle.pem.grpc.keystore.certificate"))
                .isEqualTo(folder.resolve("service.crt").toString());
    }

    @Test
    void turnedOffNothingIsCheckedAndNoBundleNorServerSettingIsAdded() {
        StandardEnvironment environment = environment(Map.of("PLATFORM_GRPC_TLS_ENABLED", "false"));

        assertThatCode(() -> check(environment)).doesNotThrowAnyException();
        // Spring gRPC's server is plaintext without spring.grpc.server.ssl.enabled and .bundle.
        assertThat(environment.getProperty("spring.grpc.server.ssl.enabled")).isNull();
        assertThat(environment.getProperty("spring.grpc.server.ssl.bundle")).isNull();
        assertThat(environment.getProperty("spring.ssl.bundle.pem.grpc.keystore.certificate"))
                .isNull();
    }

    private Path file(String name) throws IOException {
        return Files.writeString(folder.resolve(name), "-----BEGIN X-----\n-----END X-----\n");
    }

    // As the environment variables reach a service: above the platform's defaults.
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static void check(StandardEnvironment environment) {
        new GrpcTlsSettings(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
    }
}
