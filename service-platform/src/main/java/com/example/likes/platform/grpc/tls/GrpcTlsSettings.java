package com.example.likes.platform.grpc.tls;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * gRPC's mutual TLS (decision 16), on unless {@code platform.grpc.tls.enabled} is false. With TLS on, it stops a
 * service at start, before it connects anywhere, when one of the files is not set or cannot be read, naming the
 * environment variable to set (Spring Boot would otherwise build an SSL bundle without a key or trust, and every
 * handshake would fail later with an error that names neither); then it adds, below every other source, the PEM
 * SSL bundle {@value #BUNDLE} of those files and the server's settings for it: {@code spring.grpc.server.ssl} with
 * {@code client-auth: require}. Each service's client channels name the same bundle in {@code application.yml}.
 * With TLS off, nothing is added (no bundle, a plaintext server) and it warns: every gRPC call, API keys included,
 * then travels in clear.
 */
public class GrpcTlsSettings implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "platform.grpc.tls.enabled";
    static final String BUNDLE = "grpc";
    // Each setting, and the environment variable of .env.example that sets it.
    static final Map<String, String> FILES = filesBySetting();

    private final Log log;

    public GrpcTlsSettings(DeferredLogFactory logs) {
        this.log = logs.getLog(GrpcTlsSettings.class);
    }

    private static Map<String, String> filesBySetting() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("platform.grpc.tls.certificate", "PLATFORM_GRPC_TLS_CERTIFICATE");
        files.put("platform.grpc.tls.private-key", "PLATFORM_GRPC_TLS_PRIVATE_KEY");
        files.put("platform.grpc.tls.trust", "PLATFORM_GRPC_TLS_TRUST");
        return files;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(ENABLED, Boolean.class, true)) {
            log.warn("gRPC TLS is off (PLATFORM_GRPC_TLS_ENABLED=false): calls between the services, their API keys"
                    + " included, travel in clear and no caller is asked for a certificate. Development only.");
            return;
        }
        List<String> problems = new ArrayList<>();
        FILES.forEach((setting, variable) -> {
            String problem = problemWith(environment.getProperty(setting, ""));
            if (problem != null) {
                problems.add(variable + " (" + setting + ") " + problem);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("gRPC mutual TLS is on (PLATFORM_GRPC_TLS_ENABLED), but "
                    + String.join("; ", problems)
                    + ". Set each to a PEM file (see .env.example), or, in development only, set"
                    + " PLATFORM_GRPC_TLS_ENABLED=false.");
        }
        String bundle = "spring.ssl.bundle.pem." + BUNDLE;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(bundle + ".keystore.certificate", environment.getProperty("platform.grpc.tls.certificate"));
        settings.put(bundle + ".keystore.private-key", environment.getProperty("platform.grpc.tls.private-key"));
        settings.put(bundle + ".truststore.certificate", environment.getProperty("platform.grpc.tls.trust"));
        settings.put("spring.grpc.server.ssl.enabled", "true");
        settings.put("spring.grpc.server.ssl.bundle", BUNDLE);
        settings.put("spring.grpc.server.ssl.client-auth", "require");
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("platform gRPC TLS (GrpcTlsSettings)", settings));
    }

    /** What is wrong with a PEM setting (inline PEM, a {@code classpath:} or {@code file:} location, or a path). */
    static String problemWith(String value) {
        String location = value.strip();
        if (location.isEmpty()) {
            return "is not set";
        }
        if (location.startsWith("-----BEGIN") || location.startsWith("classpath:")) {
            return null;
        }
        try {
            Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            return Files.isRegularFile(file) && Files.isReadable(file) ? null : "names no readable file: " + file;
        } catch (InvalidPathException e) {
            return "is not a file path: " + e.getMessage();
        }
    }

    // After PlatformDefaults, which adds the defaults this check reads.
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
