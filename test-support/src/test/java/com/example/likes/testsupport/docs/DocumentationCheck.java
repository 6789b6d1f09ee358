package com.example.likes.testsupport.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds what the repository's Markdown names that does not exist: in backticks, a Java class or test (a {@code .java}
 * file of that simple name, or a type the code imports), a file or folder path, a Spring setting (a key of a
 * configuration file, or a name the code spells out), an environment variable (a name the code, the configuration
 * or {@code .env.example} uses) or a proto package, service or rpc; and the target of every relative link. What is
 * in a fenced code block is not read: commands and output, not names.
 */
final class DocumentationCheck {

    /** A name a document uses that the repository does not have. */
    record Problem(String file, int line, String name, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": `" + name + "` " + why;
        }
    }

    /** Names of things outside the repository that documents may name: types of other projects, Kubernetes kinds. */
    static final Set<String> EXTERNAL_NAMES = Set.of(
            "Certificate", // cert-manager
            "Cluster", // CloudNativePG
            "ClusterIssuer", // cert-manager
            "ComposeContainer", // Testcontainers
            "ContainerCreating", // a Kubernetes pod state
            "JdbcContainerConnectionDetailsFactory", // Spring Boot
            "MAX_CONCURRENT_STREAMS", // an HTTP/2 setting
            "ObservationPredicate", // Micrometer
            "SecurityGrpcExceptionHandler", // Spring gRPC
            "TESTCONTAINERS_RYUK_DISABLED"); // Testcontainers

    // The example service of docs/adding-a-service.md and the dashboard method it adds, which exist once a reader
    // makes them.
    private static final Pattern EXAMPLE_SERVICE = Pattern.compile("(?i)inventory|GetProduct");
    // Markdown that a generator copies elsewhere, placeholders and all; it is checked where it lands.
    private static final Set<String> TEMPLATES = Set.of("scripts/service-template/module/");
    private static final Set<String> SPRING_ROOTS = Set.of("spring", "server", "management", "logging", "springdoc");
    private static final Set<String> SOURCE_EXTENSIONS =
            Set.of("md", "yml", "yaml", "sh", "java", "properties", "xml", "txt", "sql", "proto", "json", "cmd");

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern CALL = Pattern.compile("^(@?[\\w.]+)\\(.*\\)$");
    // NAME=value, or setting.name: value
    private static final Pattern VALUE = Pattern.compile("^([A-Z][A-Z0-9_]*=|[a-z][\\w.-]*: ).*$");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("^_?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_?\\*?$");
    private static final Pattern PROTO =
            Pattern.compile("^([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)\\.v\\d+(\\.\\w+(/\\w+)?)?$");
    private static final Pattern JAVA_TYPE = Pattern.compile("^@?([A-Z]\\w*[a-z]\\w*)(?:\\.(\\w+))?$");
    private static final Pattern SETTING =
            Pattern.compile("^[a-z][a-z0-9-]*(?:\\.(?:[a-z0-9][a-z0-9-]*|<[\\w-]+>|\\*))+$");
    private static final Pattern SPRING_VARIABLE = Pattern.compile("^(SPRING|SERVER|MANAGEMENT|LOGGING)_");
    private static final Pattern MEDIA_TYPE = Pattern.compile("^(application|multipart|text|image)/");

    private final RepositoryTree tree;
    private final Set<String> settingRoots;

    DocumentationCheck(RepositoryTree tree) {
        this.tree = tree;
        this.settingRoots = new java.util.HashSet<>(SPRING_ROOTS);
        tree.settings.stream().filter(s -> !s.contains(".")).forEach(settingRoots::add);
    }

    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (String file : tree.markdown) {
            List<String> lines = read(tree.root.resolve(file));
            // A superseded decision describes what was, names included; a template is checked where it is generated.
            boolean superseded = lines.stream().anyMatch(l -> l.startsWith("Status: Superseded"));
            if (!superseded && TEMPLATES.stream().noneMatch(file::startsWith)) {
                check(file, lines, problems);
            }
        }
        return problems;
    }

    private void check(String file, List<String> lines, List<Problem> problems) {
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            for (Matcher span = CODE_SPAN.matcher(line); span.find(); ) {
                String name = span.group(1).strip();
                int number = i + 1;
                whyMissing(name, file).ifPresent(why -> problems.add(new Problem(file, number, name, why)));
            }
            String prose = CODE_SPAN.matcher(line).replaceAll("");
            for (Matcher link = LINK.matcher(prose); link.find(); ) {
                String target = link.group(1);
                int number = i + 1;
                brokenLink(file, target).ifPresent(why -> problems.add(new Problem(file, number, target, why)));
            }
        }
    }

    /** Why {@code name}, in backticks in {@code file}, names nothing that exists; empty when it does, or is no name. */
    Optional<String> whyMissing(String name, String file) {
        if (EXTERNAL_NAMES.contains(name) || EXAMPLE_SERVICE.matcher(name).find() || name.contains("…")) {
            return Optional.empty();
        }
        String bare = name;
        for (Pattern wrapper : List.of(CALL, VALUE)) {
            Matcher m = wrapper.matcher(bare);
            if (m.matches()) {
                bare = m.group(1).replaceFirst("(=|: )$", "");
            }
        }
        if (EXTERNAL_NAMES.contains(bare)
                || bare.chars().anyMatch(Character::isWhitespace)
                || bare.startsWith("-")
                || bare.contains(":")) {
            return Optional.empty();
        }
        if (ENVIRONMENT_VARIABLE.matcher(bare).matches() && bare.contains("_")) {
            return environmentVariable(bare);
        }
        if (PROTO.matcher(bare).matches()) {
            return protoName(bare);
        }
        if (JAVA_TYPE.matcher(bare).matches()) {
            return javaType(bare);
        }
        if (looksLikePath(bare)) {
            return path(bare, file);
        }
        if (SETTING.matcher(bare).matches() && settingRoots.contains(bare.substring(0, bare.indexOf('.')))) {
            return setting(bare);
        }
        return Optional.empty();
    }

    private Optional<String> environmentVariable(String name) {
        if (SPRING_VARIABLE.matcher(name).find()) {
            return Optional.empty(); // Spring Boot's own settings, bound from the environment
        }
        String core = name.replace("*", "");
        boolean prefix = core.endsWith("_");
        boolean suffix = core.startsWith("_");
        boolean found = tree.upperCaseNames.stream()
                .anyMatch(used -> prefix ? used.startsWith(core) : suffix ? used.endsWith(core) : used.equals(core));
        return found
                ? Optional.empty()
                : Optional.of("is no variable the code, the configuration or .env.example uses");
    }

    private Optional<String> protoName(String name) {
        if (name.startsWith("grpc.")) {
            return Optional.empty(); // gRPC's own services: health, reflection
        }
        Matcher m = PROTO.matcher(name);
        m.matches();
        boolean found = m.group(2) == null
                // a package version: the package exists (a new version is what a breaking change moves to)
                ? tree.protoNames.stream().anyMatch(p -> p.startsWith(m.group(1) + ".v"))
                : tree.protoNames.contains(name);
        return found ? Optional.empty() : Optional.of("is in no .proto file");
    }

    private Optional<String> javaType(String name) {
        Matcher m = JAVA_TYPE.matcher(name);
        m.matches();
        String type = m.group(1);
        String member = m.group(2);
        if (tree.javaTypes.contains(type)
                || tree.protoSimpleNames.contains(type)
                || isJavaLang(type)
                || tree.files.contains(type)) {
            if (member == null) {
                return Optional.empty();
            }
            List<String> sources = tree.javaSources.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + type + ".java"))
                    .map(java.util.Map.Entry::getValue)
                    .toList();
            return sources.isEmpty() || sources.stream().anyMatch(s -> s.contains(member))
                    ? Optional.empty()
                    : Optional.of("names " + member + ", which " + type + " does not have");
        }
        return Optional.of("is no class of the repository, one its code imports, or a name in a .proto file");
    }

    private static boolean isJavaLang(String type) {
        try {
            Class.forName("java.lang." + type);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean looksLikePath(String name) {
        if (!name.matches("^[\\w.*<].*") || MEDIA_TYPE.matcher(name).find()) {
            return false; // an HTTP path, an absolute path on some machine, a query string, a media type
        }
        int dot = name.lastIndexOf('.');
        boolean sourceFile = dot > 0 && SOURCE_EXTENSIONS.contains(name.substring(dot + 1));
        String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
        if (first.contains(".") && !first.equals(first.toLowerCase(Locale.ROOT))) {
            return false; // package.Service/Method: an rpc, or the form of one
        }
        boolean extensionOnly = name.matches("\\.[a-z0-9]+");
        return !extensionOnly && (name.contains("/") || sourceFile || name.startsWith("."));
    }

    private Optional<String> path(String name, String file) {
        Path folder = tree.root.resolve(file).getParent();
        if (!hasWildcard(name) && (Files.exists(tree.root.resolve(name)) || Files.exists(folder.resolve(name)))) {
            return Optional.empty();
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (tree.isIgnored(name) || tree.isIgnored(trimmed)) {
            return Optional.empty(); // written by a build or a run
        }
        if (tree.codeContains("\"" + name + "\"")) {
            return Optional.empty(); // a path the code names, such as a .proto file imported from a jar
        }
        Pattern pattern = Pattern.compile("(^|/)" + glob(trimmed) + "(\\.java)?$");
        boolean found = Stream.concat(tree.files.stream(), tree.folders.stream())
                .anyMatch(p -> pattern.matcher(p).find());
        return found ? Optional.empty() : Optional.of("is no file or folder of the repository");
    }

    private Optional<String> setting(String name) {
        if (tree.settings.contains(name) || tree.codeContains(name)) {
            return Optional.empty();
        }
        if (hasWildcard(name)) {
            Pattern pattern = Pattern.compile("^" + glob(name) + "(\\..*)?$");
            if (tree.settings.stream().anyMatch(s -> pattern.matcher(s).matches())) {
                return Optional.empty();
            }
        }
        return Optional.of("is no key of a configuration file, nor a name the code uses");
    }

    private Optional<String> brokenLink(String file, String target) {
        if (target.matches("^[a-z]+:.*")) {
            return Optional.empty(); // https:, mailto: ...
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        Path resolved = pathPart.isEmpty()
                ? tree.root.resolve(file)
                : tree.root.resolve(file).getParent().resolve(pathPart).normalize();
        if (!Files.exists(resolved)) {
            return Optional.of("links to a file that does not exist");
        }
        if (hash >= 0 && resolved.toString().endsWith(".md")) {
            String anchor = target.substring(hash + 1);
            boolean found = read(resolved).stream()
                    .filter(l -> l.startsWith("#"))
                    .map(DocumentationCheck::anchor)
                    .anyMatch(anchor::equals);
            return found ? Optional.empty() : Optional.of("links to a heading that does not exist");
        }
        return Optional.empty();
    }

    // GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
    private static String anchor(String heading) {
        String text = heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static boolean hasWildcard(String name) {
        return name.contains("*") || name.contains("<");
    }

    // A path or setting with placeholders as a regular expression: <name> and * stand for one segment, ** for any.
    private static String glob(String name) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '<' && name.indexOf('>', i) > 0) {
                regex.append("[^/]*");
                i = name.indexOf('>', i);
            } else if (name.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
