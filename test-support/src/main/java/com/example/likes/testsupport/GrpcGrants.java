package com.example.likes.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Which of a service's gRPC methods each caller may call: its {@code application.yml}'s
 * {@code platform.grpc.auth.permissions}, bound as the service binds them and read as the platform reads them (a
 * method's full name, or {@code package.Service/*} for every method of a service).
 *
 * <p>A service's tests give every caller it grants a key of its own ({@link #testKeys()}), so a test of a new
 * caller's method needs no change to the test setup; the end-to-end tests call each method with the key of a caller
 * it is granted to.
 */
public record GrpcGrants(Map<String, List<String>> permissions) {

    public GrpcGrants {
        permissions = Map.copyOf(permissions);
    }

    /** The grants of the service under test: the {@code application.yml} on the classpath. */
    public static GrpcGrants ofThisService() {
        return read(new ClassPathResource("application.yml"));
    }

    /** The grants of the service whose {@code application.yml} this is. */
    public static GrpcGrants of(Path applicationYml) {
        return read(new FileSystemResource(applicationYml));
    }

    /** Every caller that is granted some method. */
    public Set<String> callers() {
        return new TreeSet<>(permissions.keySet());
    }

    /** Whether {@code caller} may call {@code fullMethodName} ({@code package.Service/Method}). */
    public boolean allows(String caller, String fullMethodName) {
        String service = fullMethodName.substring(0, fullMethodName.lastIndexOf('/'));
        return permissions.getOrDefault(caller, List.of()).stream()
                .map(String::strip)
                .anyMatch(granted -> granted.equals(fullMethodName) || granted.equals(service + "/*"));
    }

    /** The callers granted {@code fullMethodName}, in the order of their names. */
    public List<String> callersOf(String fullMethodName) {
        return callers().stream()
                .filter(caller -> allows(caller, fullMethodName))
                .toList();
    }

    /** The key a test presents as {@code caller}: {@code test-<caller>-key-0001}. */
    public static String testKey(String caller) {
        return "test-" + caller + "-key-0001";
    }

    /** {@code platform.grpc.auth.keys} for a test: every granted caller with its {@link #testKey}. */
    public String testKeys() {
        return callers().stream().map(caller -> caller + ":" + testKey(caller)).collect(Collectors.joining(","));
    }

    private static GrpcGrants read(Resource yaml) {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader()
                    .load(yaml.getDescription(), yaml)
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yaml.getDescription(), e);
        }
        ConfigurationPropertySources.attach(environment);
        Bindable<Map<String, List<String>>> callersAndMethods = Bindable.of(ResolvableType.forClassWithGenerics(
                Map.class,
                ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(List.class, String.class)));
        return new GrpcGrants(Binder.get(environment)
                .bind("platform.grpc.auth.permissions", callersAndMethods)
                .orElse(Map.of()));
    }
}
