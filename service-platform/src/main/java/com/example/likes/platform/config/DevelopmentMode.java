package com.example.likes.platform.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Development mode is the {@code dev} profile; outside it, a service refuses to start, before it connects to
 * anything, when a setting weakens a protection: a secret holds a value published in {@code .env.example} (an API
 * key, an operator's key, a password) or a password is empty; gRPC authentication, TLS on the gRPC server or a
 * channel, the check of callers' certificates or a rate limit is switched off; health shows its details to anyone;
 * or end users' tokens would be checked against a plain-http issuer or no audience. The exception names the setting,
 * never a secret's value. Nothing else in the platform depends on a profile.
 *
 * <p>The published values are listed in {@value #PUBLISHED_SECRETS} ({@code DevelopmentModeTest} keeps that list
 * and {@code .env.example} together). A setting is a secret when its name ends in {@code password}, or it holds
 * keys: {@code platform.grpc.auth.keys} ({@code caller:key} pairs), {@code platform.grpc.client.api-keys.*} and
 * {@code platform.management.operator-keys}.
 */
public class DevelopmentMode implements EnvironmentPostProcessor, Ordered {

    /** The profile that allows the published secrets and switching protections off. */
    public static final String PROFILE = "dev";

    static final String PUBLISHED_SECRETS = "published-development-secrets.txt";

    private static final List<String> KEY_SETTINGS =
            List.of("platform.grpc.auth.keys", "platform.grpc.client.api-keys.", "platform.management.operator-keys");

    /** Protections that are on unless switched off (a value Spring reads as false), and what each protects. */
    private static final Map<String, String> SWITCHES = switches();

    /** Settings that, when given, must have this value: any other weakens what the platform sets. */
    private static final Map<String, String> REQUIRED_VALUES = Map.of(
            // GrpcTlsSettings sets require below every other source; none or optional would let anyone call.
            "spring.grpc.server.ssl.client-auth", "require");

    private static final String CHANNELS = "spring.grpc.client.channel";
    private static final String HEALTH = "management.endpoint.health";

    /** The issuer of end users' tokens: an https URL outside dev (the development one is plain http). */
    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    /** The audience a token must name; without it, a token the issuer made for any other application would do. */
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Za-z0-9_.-]+)[:}]");

    private final Set<String> published;

    public DevelopmentMode() {
        this(readPublishedSecrets());
    }

    DevelopmentMode(Set<String> published) {
        this.published = published;
    }

    private static Map<String, String> switches() {
        Map<String, String> switches = new LinkedHashMap<>();
        switches.put("platform.grpc.auth.enabled", "gRPC authentication");
        switches.put("platform.grpc.tls.enabled", "gRPC's mutual TLS");
        switches.put("spring.grpc.server.ssl.enabled", "TLS on the gRPC server");
        switches.put("spring.grpc.server.ssl.secure", "the check of gRPC callers' certificates");
        switches.put("platform.grpc.rate-limit.enabled", "the gRPC rate limit");
        switches.put("platform.web.rate-limit.enabled", "the REST rate limit");
        switches.put("platform.admission.enabled", "admission control");
        return Map.copyOf(switches);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(PROFILE)) {
            return;
        }
        Binder binder = Binder.get(environment);
        SWITCHES.forEach((setting, protection) -> {
            if (!binder.bind(setting, Boolean.class).orElse(true)) {
                refuse("%s is false: %s may only be switched off in the dev profile"
                        .formatted(describe(environment, setting), protection));
            }
        });
        REQUIRED_VALUES.forEach((setting, required) -> {
            String value = binder.bind(setting, String.class).orElse(required);
            if (!required.equalsIgnoreCase(value.strip())) {
                refuse("%s is '%s': only %s keeps the protection, other values are for the dev profile"
                        .formatted(describe(environment, setting), value, required));
            }
        });
        binder.bind(CHANNELS, Bindable.mapOf(String.class, Channel.class))
                .orElse(Map.of())
                .forEach((name, channel) -> {
                    String prefix = CHANNELS + "." + name;
                    if (channel == null) {
                        return;
                    }
                    if (channel.ssl() != null
                            && Boolean.FALSE.equals(channel.ssl().enabled())) {
                        refuse("%s is false: the channel to %s may only run without TLS in the dev profile"
                                .formatted(describe(environment, prefix + ".ssl.enabled"), name));
                    }
                    if (channel.bypassCertificateValidation()) {
                        refuse(
                                "%s is true: the channel to %s may only skip checking the server's certificate in the dev"
                                                .formatted(
                                                        describe(
                                                                environment, prefix + ".bypass-certificate-validation"),
                                                        name)
                                        + " profile");
                    }
                });
        checkHealthDetails(environment, binder);
        String issuer = environment.getProperty(ISSUER, "").strip();
        if (!issuer.startsWith("https://")) {
            refuse("%s is '%s': outside the dev profile, the issuer of end users' tokens must be an https URL (the"
                            .formatted(describe(environment, ISSUER), issuer)
                    + " issuer of your OpenID Connect provider)");
        }
        if (environment.getProperty(AUDIENCES, "").isBlank()) {
            refuse("%s is empty: outside the dev profile, a token must name this API as its audience"
                    .formatted(describe(environment, AUDIENCES)));
        }
        for (String name : secretSettings(environment)) {
            String value = environment.getProperty(name);
            if (value == null) {
                continue;
            }
            if (isPublished(value)) {
                refuse("%s holds a development secret published in .env.example"
                        .formatted(describe(environment, name)));
            }
            if (value.isBlank() && name.toLowerCase(Locale.ROOT).endsWith("password")) {
                refuse("%s is empty: a password may only be empty in the dev profile"
                        .formatted(describe(environment, name)));
            }
        }
    }

    // Health's details (the database, the replication backlog) are the operator's; "always" shows them to anyone.
    private static void checkHealthDetails(ConfigurableEnvironment environment, Binder binder) {
        Map<String, String> showDetails = new LinkedHashMap<>();
        binder.bind(HEALTH + ".show-details", String.class).ifBound(value -> showDetails.put(HEALTH, value));
        binder.bind(HEALTH + ".group", Bindable.mapOf(String.class, HealthGroup.class))
                .orElse(Map.of())
                .forEach((name, group) -> {
                    if (group != null && group.showDetails() != null) {
                        showDetails.put(HEALTH + ".group." + name, group.showDetails());
                    }
                });
        showDetails.forEach((prefix, value) -> {
            if ("always".equalsIgnoreCase(value.strip())) {
                refuse("%s is always: health may show its details without the operator's credential only in the dev"
                                .formatted(describe(environment, prefix + ".show-details"))
                        + " profile");
            }
        });
    }

    private static void refuse(String problem) {
        throw new DevelopmentSettingOutsideDevException(problem);
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

    /**
     * {@code DASHBOARD_DB_PASSWORD (spring.datasource.password)}: the variable that feeds the setting where a
     * placeholder names it, otherwise the variable that sets it directly.
     */
    private static String describe(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            Object raw = source.getProperty(name);
            if (raw != null) {
                Matcher placeholder = PLACEHOLDER.matcher(raw.toString());
                if (placeholder.find()) {
                    return "%s (%s)".formatted(placeholder.group(1), name);
                }
                break;
            }
        }
        return "%s (%s)"
                .formatted(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), name);
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

    /** What of a gRPC client channel's settings ({@code spring.grpc.client.channel.<name>}) can weaken its TLS. */
    record Channel(@Nullable Ssl ssl, boolean bypassCertificateValidation) {

        record Ssl(@Nullable Boolean enabled) {}
    }

    /** A health group's setting that can show details to anyone. */
    record HealthGroup(@Nullable String showDetails) {}

    /** Why a service outside the {@code dev} profile refused to start. */
    public static final class DevelopmentSettingOutsideDevException extends IllegalStateException {

        DevelopmentSettingOutsideDevException(String problem) {
            super(problem);
        }
    }
}
