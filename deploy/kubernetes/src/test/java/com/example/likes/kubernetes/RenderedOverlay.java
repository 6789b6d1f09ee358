package com.example.likes.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One overlay as {@code kubectl kustomize} renders it: the documents as fabric8's typed models, and the text.
 *
 * @param name the overlay's folder (dev, prod)
 * @param documents every rendered object, typed (Deployment, Service, NetworkPolicy ...)
 * @param text the rendered YAML as kubectl printed it
 */
record RenderedOverlay(String name, List<HasMetadata> documents, String text) {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    /** Whether {@code kubectl} is on the PATH; the tests that render are skipped, with this reason, when it is not. */
    static boolean kubectlAvailable() {
        try {
            Process version = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static final String NO_KUBECTL = "kubectl is not on the PATH, so the manifests were neither rendered nor checked;"
            + " install kubectl (it has kustomize built in), or render them with `kustomize build deploy/kubernetes/prod`";

    /** Renders {@code overlay} (a folder with a kustomization.yaml) with {@code kubectl kustomize}. */
    static RenderedOverlay render(Path overlay) {
        try {
            Path output = Files.createTempFile("kustomize-" + overlay.getFileName(), ".yaml");
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed: " + errors);
            }
            String text = Files.readString(output);
            Files.delete(output);
            return parse(overlay.getFileName().toString(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + overlay, e);
        }
    }

    /** The documents of {@code text}, parsed afresh: each call gives objects a test may change. */
    static RenderedOverlay parse(String name, String text) {
        Object parsed = YAML.unmarshal(text);
        List<HasMetadata> documents = parsed instanceof List<?> list
                ? list.stream().map(HasMetadata.class::cast).toList()
                : List.of((HasMetadata) parsed);
        return new RenderedOverlay(name, documents, text);
    }

    /** A fresh copy of these documents, to break on purpose. */
    RenderedOverlay copy() {
        return parse(name, text);
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return documents.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(document -> document.getMetadata().getName().equals(name))
                .findFirst();
    }

    Optional<ConfigMap> configMap(String name) {
        return named(ConfigMap.class, name);
    }

    /**
     * The variables the container starts with, as far as the overlay tells: its ConfigMaps and Secrets in the order
     * given, then its own {@code env} values, which win. Values from the deployer's Secrets are unknown.
     */
    Map<String, String> environmentOf(Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : listOf(container.getEnvFrom())) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            if (source.getConfigMapRef() != null) {
                configMap(source.getConfigMapRef().getName())
                        .map(ConfigMap::getData)
                        .ifPresent(data -> data.forEach((key, value) -> environment.put(prefix + key, value)));
            }
            if (source.getSecretRef() != null) {
                named(Secret.class, source.getSecretRef().getName()).ifPresent(secret -> {
                    if (secret.getStringData() != null) {
                        secret.getStringData().forEach((key, value) -> environment.put(prefix + key, value));
                    }
                    if (secret.getData() != null) {
                        secret.getData()
                                .forEach((key, value) -> environment.put(
                                        prefix + key,
                                        new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
                    }
                });
            }
        }
        for (EnvVar env : listOf(container.getEnv())) {
            if (env.getValue() != null) {
                environment.put(env.getName(), env.getValue());
            } else {
                environment.remove(env.getName());
            }
        }
        return environment;
    }

    /** The settings ConfigMap of a pod: the first one its containers read. */
    Optional<ConfigMap> settingsOf(PodSpec pod) {
        return pod.getContainers().stream()
                .flatMap(container -> listOf(container.getEnvFrom()).stream())
                .map(EnvFromSource::getConfigMapRef)
                .filter(Objects::nonNull)
                .map(ref -> configMap(ref.getName()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
