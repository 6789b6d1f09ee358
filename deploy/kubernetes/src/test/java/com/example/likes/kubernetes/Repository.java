package com.example.likes.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the rest of the repository says that the production manifests must agree with: the variables each service
 * reads (from its {@code application.yml} and the platform's {@code platform-defaults.yml}, with their defaults), the
 * development secrets that are published, and the Secrets {@code docs/kubernetes.md} tells the deployer to create.
 *
 * @param variables per service (its module's name), each variable it reads and its default (empty: none)
 * @param published the development values of {@code .env.example} and the services' defaults (service-platform's
 *     {@code published-development-secrets.txt})
 * @param documented the variables {@code .env.example} lists, the ones Spring reads by their names included
 * @param apiKeys the API keys of {@code .env.example}, which no production manifest may even mention
 * @param deployerSecrets each Secret the docs have the deployer create, with its keys
 */
record Repository(
        Map<String, Map<String, Optional<String>>> variables,
        Set<String> published,
        Set<String> documented,
        Set<String> apiKeys,
        Map<String, Set<String>> deployerSecrets) {

    // ${NAME} or ${NAME:default}, where the default may hold colons (caller:key lists) but no closing brace.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern CREATE_SECRET =
            Pattern.compile("create secret (generic|tls) ([a-z0-9][a-z0-9.-]*)(.*)");
    private static final Pattern FROM = Pattern.compile("--from-(literal|file)=([^\\s=]+)(=\\S*)?");
    // A Secret cert-manager writes: tls.crt, tls.key and ca.crt.
    private static final Pattern CERT_MANAGER_SECRET = Pattern.compile("secretName:? ([a-z0-9][a-z0-9.-]*)");
    private static final Set<String> CERT_MANAGER_KEYS = Set.of("tls.crt", "tls.key", "ca.crt");

    static Repository read(Path root) {
        Path platformDefaults = root.resolve("service-platform/src/main/resources/platform-defaults.yml");
        Map<String, Optional<String>> platform = placeholders(platformDefaults);
        Map<String, Map<String, Optional<String>>> variables = new HashMap<>();
        try (Stream<Path> services = Files.list(root.resolve("services"))) {
            for (Path descriptor : services.filter(file -> file.toString().endsWith(".properties"))
                    .toList()) {
                String service = descriptor.getFileName().toString().replace(".properties", "");
                Map<String, Optional<String>> read = new LinkedHashMap<>(platform);
                read.putAll(placeholders(root.resolve(service).resolve("src/main/resources/application.yml")));
                variables.put(service, Map.copyOf(read));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Repository(
                Map.copyOf(variables),
                lines(root.resolve("service-platform/src/main/resources/published-development-secrets.txt")),
                text(root.resolve(".env.example"))
                        .lines()
                        .filter(line -> line.matches("[A-Z][A-Z0-9_]*=.*"))
                        .map(line -> line.substring(0, line.indexOf('=')))
                        .collect(Collectors.toSet()),
                apiKeys(root.resolve(".env.example")),
                deployerSecrets(text(root.resolve("docs/kubernetes.md"))));
    }

    /** The variables {@code service} reads, or none when the repository has no such service. */
    Map<String, Optional<String>> variablesOf(String service) {
        return variables.getOrDefault(service, Map.of());
    }

    /**
     * Whether {@code service} reads the variable: a placeholder of its settings, a variable of {@code .env.example}, or
     * one that Spring Boot binds by its name to a setting of its own (SPRING_..., SERVER_..., MANAGEMENT_...).
     */
    boolean reads(String service, String variable) {
        return variablesOf(service).containsKey(variable)
                || documented.contains(variable)
                || Stream.of("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_").anyMatch(variable::startsWith);
    }

    /** Whether a value is (or, as a list of keys or {@code caller:key} pairs, holds) a published development value. */
    boolean isDevelopmentValue(String value) {
        if (value.contains("localhost") || value.contains("127.0.0.1")) {
            return true;
        }
        return Stream.of(value.split(","))
                .map(entry -> entry.substring(entry.indexOf(':') + 1).strip())
                .anyMatch(published::contains);
    }

    /** A copy in which the docs create {@code secret} with {@code keys}, for tests that break the docs. */
    Repository withDeployerSecret(String secret, Set<String> keys) {
        Map<String, Set<String>> secrets = new HashMap<>(deployerSecrets);
        secrets.put(secret, Set.copyOf(keys));
        return new Repository(variables, published, documented, apiKeys, Map.copyOf(secrets));
    }

    /** The Secrets of {@code kubectl create secret} commands (continued lines joined) and cert-manager's. */
    static Map<String, Set<String>> deployerSecrets(String docs) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (String line : docs.replace("\\\n", " ").split("\n")) {
            Matcher create = CREATE_SECRET.matcher(line);
            if (create.find()) {
                Set<String> keys =
                        new HashSet<>(create.group(1).equals("tls") ? Set.of("tls.crt", "tls.key") : Set.of());
                Matcher from = FROM.matcher(create.group(3));
                while (from.find()) {
                    String key = from.group(2);
                    // --from-file=path names the key after the file; --from-file=key=path and --from-literal=key=value
                    // name it first.
                    keys.add(
                            from.group(1).equals("file") && from.group(3) == null
                                    ? Path.of(key).getFileName().toString()
                                    : key);
                }
                secrets.merge(
                        create.group(2),
                        keys,
                        (a, b) -> Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet()));
            }
            Matcher certManager = CERT_MANAGER_SECRET.matcher(line);
            while (certManager.find()) {
                secrets.merge(
                        certManager.group(1),
                        CERT_MANAGER_KEYS,
                        (a, b) -> Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet()));
            }
        }
        return Map.copyOf(secrets);
    }

    private static Map<String, Optional<String>> placeholders(Path yaml) {
        Map<String, Optional<String>> found = new LinkedHashMap<>();
        Matcher placeholder = PLACEHOLDER.matcher(text(yaml));
        while (placeholder.find()) {
            found.put(placeholder.group(1), Optional.ofNullable(placeholder.group(2)));
        }
        return found;
    }

    /**
     * The API keys of {@code .env.example} (the values of its {@code *_API_KEY} variables and the keys of its
     * {@code caller:key} lists). Its passwords are plain words that occur in names ("dashboard"): the rules keep them
     * out another way (no Secret, no secret variable in a ConfigMap, no development value of a variable).
     */
    private static Set<String> apiKeys(Path envExample) {
        return text(envExample)
                .lines()
                .filter(line -> !line.startsWith("#") && line.contains("="))
                .filter(line -> {
                    String name = line.substring(0, line.indexOf('='));
                    return name.endsWith("_API_KEY") || name.endsWith("_KEYS");
                })
                .map(line -> line.substring(line.indexOf('=') + 1))
                .flatMap(value -> Stream.of(value.split(",")))
                .map(pair -> pair.substring(pair.indexOf(':') + 1).trim())
                .filter(key -> !key.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Set<String> lines(Path file) {
        return text(file)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toSet());
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
