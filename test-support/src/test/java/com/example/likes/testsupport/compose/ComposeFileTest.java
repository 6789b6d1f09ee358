package com.example.likes.testsupport.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every container docker-compose.yml builds from this repository's Dockerfile runs as locked down as the services:
 * a read-only root file system, no capabilities, no new privileges, and a health check by the image's own probe (the
 * runtime image has no curl). A service added by hand or by a generator is held to the same.
 */
class ComposeFileTest {

    @Test
    void everyContainerBuiltHereIsLockedDownAndCheckedByTheImagesOwnProbe() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<String> built = services.entrySet().stream()
                .filter(service -> service.getValue().containsKey("build"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(built).contains("dashboard-service", "product-service");

        SoftAssertions softly = new SoftAssertions();
        for (String name : built) {
            Map<String, Object> service = services.get(name);
            softly.assertThat(service.get("read_only")).as(name + " read_only").isEqualTo(true);
            softly.assertThat(list(service, "cap_drop")).as(name + " cap_drop").contains("ALL");
            softly.assertThat(list(service, "security_opt"))
                    .as(name + " security_opt")
                    .contains("no-new-privileges:true");
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) service.getOrDefault("healthcheck", Map.of());
            softly.assertThat(list(health, "test")).as(name + " healthcheck").contains("HealthProbe");
        }
        softly.assertAll();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose =
                new Yaml().load(Files.readString(RepositoryRoot.find().resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static List<Object> list(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> values ? List.copyOf(values) : List.of();
    }
}
