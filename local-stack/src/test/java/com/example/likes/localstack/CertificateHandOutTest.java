package com.example.likes.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compose's certificate volumes: each service's gets the CA's certificate and its own pair, and nothing else. */
class CertificateHandOutTest {

    @TempDir
    static Path root;

    private static DevCertificates certificates;

    @BeforeAll
    static void makeCertificates() {
        certificates = new DevCertificates(root.resolve("all"));
        certificates.ensure(List.of("dashboard-service", "product-service"), List.of("developer"));
    }

    @Test
    void eachServiceFolderGetsItsOwnKeyAndNoOneElses() throws Exception {
        Path services = Files.createDirectories(root.resolve("services"));
        Path dashboard = Files.createDirectories(services.resolve("dashboard-service"));
        Path product = Files.createDirectories(services.resolve("product-service"));
        // Left from an earlier start: the folder holds only what this start hands out.
        Files.writeString(product.resolve("developer.key"), "stale");

        certificates.handOut(services);

        assertThat(names(dashboard))
                .containsExactlyInAnyOrder("ca.crt", "dashboard-service.crt", "dashboard-service.key");
        assertThat(names(product)).containsExactlyInAnyOrder("ca.crt", "product-service.crt", "product-service.key");
        assertThat(product.resolve("product-service.key"))
                .hasSameBinaryContentAs(certificates.privateKey("product-service"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(product.resolve("product-service.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFolderNamedAfterNoCertificateStopsTheHandOut() throws Exception {
        Path services = Files.createDirectories(root.resolve("unknown"));
        Files.createDirectories(services.resolve("inventory-service"));

        assertThatThrownBy(() -> certificates.handOut(services))
                .hasMessageContaining("no certificate named inventory-service");
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
