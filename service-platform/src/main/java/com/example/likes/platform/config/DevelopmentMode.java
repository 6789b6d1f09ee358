package com.example.likes.platform.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Development mode is the {@code dev} profile; outside it, a service refuses to start, before it connects to
 * anything, when a secret holds a value published in {@code .env.example} (an API key, an operator's key, a
 * password) or when gRPC authentication or mutual TLS is switched off. The exception names the setting, never its value.
 *
 * <p>The published values are listed in {@value #PUBLISHED_SECRETS} ({@code DevelopmentModeTest} keeps that list
 * and {@code .env.example} together). A setting is a secret when its name ends in {@code password}, or it holds
 * keys: {@code platform.grpc.auth.keys} ({@code caller:key} pairs), {@code platform.grpc.client.api-keys.*} and
 * {@code platform.management.operator-keys}.
 */
public class DevelopmentMode implements EnvironmentPostProcessor, Ordered {

    /** The profile that allows the published secrets and switching gRPC authentication off. */
    public static final String PROFILE = "dev";

    static final String PUBLISHED_SECRETS = "published-development-secrets.txt";

    private static final List<String> KEY_SETTINGS =
            List.of("platform.grpc.auth.keys", "platform.grpc.client.api-keys.", "platform.management.operator-keys");

    /** Protections that only the dev profile may switch off. */
    private static final List<Protection> DEV_ONLY_SWITCHES = List.of(
            new Protection("platform.grpc.auth.enabled", "PLATFORM_GRPC_AUTH_ENABLED", "gRPC authentication"),
            new Protection("platform.grpc.tls.enabled", "PLATFORM_GRPC_TLS_ENABLED", "gRPC's mutual TLS"));

    private record Protection(String property, String variable, String description) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Za-z0-9_.-]+)[:}]");

    private final Set<String> published;

    public DevelopmentMode() {
        this(readPublishedSecrets());
    }

    DevelopmentMode(Set<String> published) {
        this.published = published;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(PROFILE)) {
            return;
        }
        for (Protection protection : DEV_ONLY_SWITCHES) {
            if ("false"
                    .equalsIgnoreCase(environment
                            .getProperty(protection.property(), "true")
                            .strip())) {
                throw new DevelopmentSettingOutsideDevException(
                        "%s (%s) is false: %s may only be switched off in the dev profile"
                                .formatted(protection.variable(), protection.property(), protection.description()));
            }
        }
        for (String name : secretSettings(environment)) {
            String value = environment.getProperty(name);
            if (value != null && isPublished(value)) {
                throw new DevelopmentSettingOutsideDevException(
                        "%s holds a development secret published in .env.example"
                                .formatted(describe(environment, name)));
            }
        }
    }

    private boolean isPublished(String value) {
        for (String element : value.split(",")) {
            String entry = element.strip();
            int colon = entry.indexOf(':');
            if (published.contains(entry)
                    || (colon >= 0
                            && published.contains(entry.substring(colon + 1).strip()))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> secretSettings(ConfigurableEnvironment environment) {
        Set<String> names = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (isSecret(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // Environment variables (DASHBOARD_DB_PASSWORD) are checked through the settings they feed, so that a
        // variable this service does not read (another service's, compose's) cannot stop it.
        if (!lower.equals(name) && name.equals(name.toUpperCase(Locale.ROOT))) {
            return false;
        }
        return lower.endsWith("password") || KEY_SETTINGS.stream().anyMatch(lower::startsWith);
    }

    /** {@code DASHBOARD_DB_PASSWORD (spring.datasource.password)}, or the setting alone when no variable feeds it. */
    private static String describe(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            Object raw = source.getProperty(name);
            if (raw != null) {
                Matcher placeholder = PLACEHOLDER.matcher(raw.toString());
                return placeholder.find() ? "%s (%s)".formatted(placeholder.group(1), name) : name;
            }
        }
        return name;
    }

    static Set<String> readPublishedSecrets() {
        var resource = new ClassPathResource(PUBLISHED_SECRETS);
        try (var reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + PUBLISHED_SECRETS, e);
        }
    }

    // After the configuration files and PlatformDefaults, so that every setting is known.
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 2;
    }

    /** Why a service outside the {@code dev} profile refused to start. */
    public static final class DevelopmentSettingOutsideDevException extends IllegalStateException {

        DevelopmentSettingOutsideDevException(String problem) {
            super(problem);
        }
    }
}
