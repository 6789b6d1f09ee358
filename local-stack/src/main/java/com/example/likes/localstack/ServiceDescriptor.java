package com.example.likes.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One service of the system as the local stack, the end-to-end harness and {@code scripts/new-service} see it: read
 * from {@code services/<name>.properties} at the repository's root, one file per service. Adding a service adds a
 * file; nothing else in the stack names it.
 *
 * @param name the service's name, which is also its Maven module, its jar ({@code <name>/target/<name>.jar}), its
 *     compose service, its gRPC caller name and its certificate's name
 * @param envPrefix the prefix of its environment variables ({@code DASHBOARD} for {@code DASHBOARD_HTTP_PORT})
 * @param defaultPorts its ports when nothing overrides them (also its ports inside its compose container)
 * @param database its own PostgreSQL database, owned by a role of the same name
 * @param calls the services whose gRPC servers it calls: it is given each one's target as
 *     {@code <CALLER>_TO_<CALLEE>_TARGET}, and the key it presents there as {@code <CALLER>_TO_<CALLEE>_API_KEY}
 * @param developerKey whether its gRPC server accepts a developer's key (caller {@code developer})
 * @param environment more environment variables for it in the local stack ({@code environment.NAME=value})
 */
public record ServiceDescriptor(
        String name,
        String envPrefix,
        ServicePorts defaultPorts,
        String database,
        List<String> calls,
        boolean developerKey,
        Map<String, String> environment) {

    /** Where the descriptors are, below the repository's root. */
    public static final String FOLDER = "services";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final String ENVIRONMENT = "environment.";

    public ServiceDescriptor {
        calls = List.copyOf(calls);
        environment = Map.copyOf(environment);
    }

    /**
     * The services of the repository at {@code root}, in the order of their names.
     *
     * @throws IllegalStateException when there is none, or a descriptor is incomplete or names a service that has none
     */
    public static List<ServiceDescriptor> discover(Path root) {
        Path folder = root.resolve(FOLDER);
        List<ServiceDescriptor> services;
        try (Stream<Path> files = Files.list(folder)) {
            services = files.filter(file -> file.getFileName().toString().endsWith(".properties"))
                    .sorted()
                    .map(ServiceDescriptor::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the service descriptors in " + folder, e);
        }
        if (services.isEmpty()) {
            throw new IllegalStateException("no service descriptor (<name>.properties) in " + folder);
        }
        List<String> names = services.stream().map(ServiceDescriptor::name).toList();
        for (ServiceDescriptor service : services) {
            for (String callee : service.calls()) {
                if (!names.contains(callee)) {
                    throw new IllegalStateException("%s calls %s, which has no descriptor in %s (known: %s)"
                            .formatted(service.name(), callee, folder, names));
                }
            }
        }
        return services;
    }

    /** Reads one descriptor; its file's name without {@code .properties} is the service's name. */
    static ServiceDescriptor read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".properties".length());
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service descriptor " + file, e);
        }
        return parse(name, properties, file.toString());
    }

    static ServiceDescriptor parse(String name, Properties properties, String source) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(
                    "%s: the service name '%s' must be lower-case words joined by '-'".formatted(source, name));
        }
        String prefix = required(properties, "env-prefix", source);
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException(
                    "%s: env-prefix '%s' must be upper-case letters, digits and '_'".formatted(source, prefix));
        }
        Map<String, String> environment = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(ENVIRONMENT)) {
                environment.put(key.substring(ENVIRONMENT.length()), properties.getProperty(key));
            }
        }
        return new ServiceDescriptor(
                name,
                prefix,
                new ServicePorts(
                        port(properties, "http-port", source),
                        port(properties, "grpc-port", source),
                        port(properties, "management-port", source)),
                required(properties, "database", source),
                Arrays.stream(properties.getProperty("calls", "").split(","))
                        .map(String::strip)
                        .filter(callee -> !callee.isEmpty())
                        .toList(),
                Boolean.parseBoolean(
                        properties.getProperty("developer-key", "false").strip()),
                environment);
    }

    /** The name of one of its environment variables: {@code variable("HTTP_PORT")} is {@code DASHBOARD_HTTP_PORT}. */
    public String variable(String suffix) {
        return envPrefix + "_" + suffix;
    }

    /**
     * The name of one of its settings as a client of {@code callee}, named after both prefixes:
     * {@code clientVariable(product, "TARGET")} is {@code DASHBOARD_TO_PRODUCT_TARGET}.
     */
    public String clientVariable(ServiceDescriptor callee, String suffix) {
        return envPrefix + "_TO_" + callee.envPrefix() + "_" + suffix;
    }

    private static String required(Properties properties, String key, String source) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException("%s: '%s' is missing".formatted(source, key));
        }
        return value;
    }

    private static int port(Properties properties, String key, String source) {
        String value = required(properties, key, source);
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "%s: '%s' must be a port (1 to 65535), not '%s'".formatted(source, key, value));
        }
    }
}
