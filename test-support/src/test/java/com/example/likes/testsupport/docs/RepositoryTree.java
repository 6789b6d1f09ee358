package com.example.likes.testsupport.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a repository holds, as far as its documentation can name it: its files and folders, the Java types its code
 * declares or imports, the upper-case names its code and configuration use (environment variables among them), the
 * keys of its Spring configuration files, and its proto packages, services and rpcs. Everything git ignores is left
 * out, as is everything a build writes.
 */
final class RepositoryTree {

    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules");
    private static final Pattern UPPER_CASE_NAME = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?[\\w.]+\\.(\\w+)\\s*;");
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("\\b(?:class|record|interface|enum|@interface)\\s+([A-Z]\\w*)");
    private static final Pattern PROTO_ELEMENT =
            Pattern.compile("(?m)^\\s*(package|service|rpc|message|enum)\\s+([\\w.]+)");

    final Path root;
    final List<String> files = new ArrayList<>();
    final Set<String> folders = new HashSet<>();
    final List<String> markdown = new ArrayList<>();
    final Set<String> javaTypes = new HashSet<>();
    final Set<String> upperCaseNames = new HashSet<>();
    final Set<String> settings = new HashSet<>();
    final Set<String> protoNames = new HashSet<>();
    final Set<String> protoSimpleNames = new HashSet<>();
    final Map<String, String> javaSources = new HashMap<>();
    private final List<Pattern> ignored;
    private final StringBuilder code = new StringBuilder();

    private RepositoryTree(Path root) {
        this.root = root;
        this.ignored = gitIgnorePatterns(root.resolve(".gitignore"));
    }

    static RepositoryTree scan(Path root) {
        RepositoryTree tree = new RepositoryTree(root);
        try {
            Files.walkFileTree(root, tree.visitor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    /** Whether git ignores {@code relative} (a file or folder path with forward slashes): what a run writes. */
    boolean isIgnored(String relative) {
        return ignored.stream().anyMatch(p -> p.matcher(relative).find());
    }

    /** Whether any non-Markdown file of the repository contains {@code text}. */
    boolean codeContains(String text) {
        return code.indexOf(text) >= 0;
    }

    private SimpleFileVisitor<Path> visitor() {
        return new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String relative = relative(dir);
                if (!relative.isEmpty()
                        && (SKIPPED_FOLDERS.contains(dir.getFileName().toString()) || isIgnored(relative + "/"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                folders.add(relative);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = relative(file);
                if (!isIgnored(relative)) {
                    add(relative, file, attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }
        };
    }

    private void add(String relative, Path file, long size) throws IOException {
        files.add(relative);
        if (relative.endsWith(".md")) {
            markdown.add(relative);
            return;
        }
        if (size > 1_000_000) {
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException binary) {
            return;
        }
        code.append(text).append('\n');
        UPPER_CASE_NAME.matcher(text).results().forEach(m -> upperCaseNames.add(m.group()));
        String name = file.getFileName().toString();
        if (name.endsWith(".java")) {
            javaTypes.add(name.substring(0, name.length() - ".java".length()));
            javaSources.put(relative, text);
            IMPORT.matcher(text).results().forEach(m -> javaTypes.add(m.group(1)));
            TYPE_DECLARATION.matcher(text).results().forEach(m -> javaTypes.add(m.group(1)));
        } else if (name.endsWith(".proto")) {
            readProto(text);
        } else if ((name.endsWith(".yml") || name.endsWith(".yaml")) && relative.contains("src/main/resources/")) {
            try {
                new Yaml(new LoaderOptions()).loadAll(text).forEach(document -> flatten("", document));
            } catch (YAMLException notPlainYaml) {
                // a template with placeholders: its generated copy is read instead
            }
        }
    }

    private void readProto(String text) {
        String protoPackage = "";
        String service = "";
        Matcher m = PROTO_ELEMENT.matcher(text);
        while (m.find()) {
            switch (m.group(1)) {
                case "package" -> protoPackage = m.group(2);
                case "service" -> {
                    service = protoPackage + "." + m.group(2);
                    protoNames.add(service);
                }
                case "rpc" -> protoNames.add(service + "/" + m.group(2));
                default -> protoNames.add(protoPackage + "." + m.group(2));
            }
            protoNames.add(protoPackage);
            if (!m.group(1).equals("package")) {
                protoSimpleNames.add(m.group(2));
            }
        }
    }

    // Every key and every prefix of one, as dotted names: platform.grpc.auth, platform.grpc.auth.permissions ...
    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
                settings.add(name);
                flatten(name, value);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> flatten(prefix, item));
        }
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    // The root .gitignore's patterns as regular expressions over a relative path: "target/" ignores every folder of
    // that name, "benchmarks/results/" that one folder, "*.log" every such file.
    private static List<Pattern> gitIgnorePatterns(Path gitIgnore) {
        if (!Files.isRegularFile(gitIgnore)) {
            return List.of();
        }
        try {
            return Files.readAllLines(gitIgnore).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("!"))
                    .map(RepositoryTree::gitIgnorePattern)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Pattern gitIgnorePattern(String line) {
        boolean folder = line.endsWith("/");
        String body = folder ? line.substring(0, line.length() - 1) : line;
        boolean anchored = body.contains("/");
        String regex =
                Pattern.quote(body.startsWith("/") ? body.substring(1) : body).replace("*", "\\E[^/]*\\Q");
        return Pattern.compile((anchored ? "^" : "(^|/)") + regex + (folder ? "/" : "(/|$)"));
    }
}
