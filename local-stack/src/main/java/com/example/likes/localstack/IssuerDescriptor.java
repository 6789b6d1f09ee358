package com.example.likes.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The development OpenID Connect issuer the stack runs beside the services, read from
 * {@code services/issuer/<name>.properties}: a module with one HTTP port and no database. Every service is given its
 * address as {@value #ISSUER_SETTING}, the setting a deployment points at its real issuer.
 *
 * @param name its module, and so its jar ({@code <name>/target/<name>.jar})
 * @param portVariable the variable that sets its port
 * @param defaultPort its port when nothing overrides it
 * @param issuerVariable the variable that sets its issuer URL (the {@code iss} of its tokens)
 */
public record IssuerDescriptor(String name, String portVariable, int defaultPort, String issuerVariable) {

    /** Where the descriptor is, below the repository's root. */
    public static final String FOLDER = ServiceDescriptor.FOLDER + "/issuer";

    /** The setting of every service that names the issuer whose tokens it accepts. */
    public static final String ISSUER_SETTING = "PLATFORM_OAUTH2_ISSUER_URI";

    /**
     * The issuer of the repository at {@code root}, or {@code null} when it describes none.
     *
     * @throws IllegalStateException when it describes more than one, or one incompletely
     */
    public static IssuerDescriptor discover(Path root) {
        Path folder = root.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".properties"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.size() > 1) {
            throw new IllegalStateException("one issuer at most in " + folder + ", not " + files);
        }
        return files.isEmpty() ? null : read(files.getFirst());
    }

    static IssuerDescriptor read(Path file) {
        String fileName = file.getFileName().toString();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the issuer descriptor " + file, e);
        }
        String port = required(properties, "port", file);
        int defaultPort;
        try {
            defaultPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("%s: 'port' must be a port, not '%s'".formatted(file, port));
        }
        return new IssuerDescriptor(
                fileName.substring(0, fileName.length() - ".properties".length()),
                required(properties, "port-variable", file),
                defaultPort,
                required(properties, "issuer-variable", file));
    }

    private static String required(Properties properties, String key, Path source) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty()) {
            throw new IllegalStateException("%s: '%s' is missing".formatted(source, key));
        }
        return value;
    }
}
