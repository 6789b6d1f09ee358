package com.example.likes.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata of the platform's settings, which Spring Boot's configuration processor writes from the Javadoc
 * of each {@code @ConfigurationProperties} record: every {@code platform.*} setting is listed, with a description.
 */
class ConfigurationMetadataTest {

    @Test
    void everyPlatformSettingHasADescription() throws IOException {
        List<Map<String, Object>> platform = new ArrayList<>();
        for (URL metadata : Collections.list(
                getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                List<Map<String, Object>> properties = JsonPath.read(in, "$.properties[*]");
                properties.stream()
                        .filter(property -> property.get("name").toString().startsWith("platform."))
                        .forEach(platform::add);
            }
        }

        assertThat(platform)
                .extracting(property -> property.get("name"))
                .contains(
                        "platform.grpc.auth.keys",
                        "platform.grpc.auth.permissions",
                        "platform.grpc.rate-limit.rules",
                        "platform.grpc.server.public-services",
                        "platform.management.operator-keys",
                        "platform.web.rate-limit.max-clients");
        assertThat(platform)
                .allSatisfy(property -> assertThat(property.get("description"))
                        .as(property.get("name").toString())
                        .asString()
                        .isNotBlank());
    }
}
