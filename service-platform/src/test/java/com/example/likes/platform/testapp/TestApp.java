package com.example.likes.platform.testapp;

import com.example.likes.testsupport.TestIssuer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the test application as a test of its own needs it: one it may stop, or one with settings of its own. */
public final class TestApp {

    /** The key of caller {@code tester} in every application {@link #start} starts. */
    public static final String TESTER_KEY = "tester-key-0123456789";

    private TestApp() {}

    /**
     * Starts the application with its gRPC server on {@code grpcPort}, trusting the {@link TestIssuer}'s tokens, and
     * {@code properties} on top.
     */
    public static ConfigurableApplicationContext start(int grpcPort, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "spring.grpc.server.port=" + grpcPort,
                "spring.grpc.client.channel.self.target=localhost:" + grpcPort,
                "platform.grpc.auth.keys=tester:" + TESTER_KEY));
        all.addAll(TestIssuer.get().properties());
        all.addAll(Arrays.asList(properties));
        // One value a setting: a later one replaces an earlier (Spring would join the two of a command line).
        Map<String, String> settings = new LinkedHashMap<>();
        for (String property : all) {
            int equals = property.indexOf('=');
            settings.put(property.substring(0, equals), property.substring(equals + 1));
        }
        // As command-line arguments, so that they override the test application.yml.
        return new SpringApplicationBuilder(PlatformTestApplication.class)
                .run(settings.entrySet().stream()
                        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new));
    }
}
