package com.example.likes.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Renders each overlay with {@code kubectl kustomize} and checks the rendered objects, typed by fabric8, against
 * the rules of {@link ManifestRules}; then breaks a copy in each way a careless edit could, to show that the rules
 * notice. Without kubectl every test here is skipped, saying so.
 */
class ManifestsTest {

    private static final Path MANIFESTS = Path.of(System.getProperty("manifests.dir", "."));
    private static RenderedOverlay dev;
    private static RenderedOverlay prod;

    @BeforeAll
    static void render() {
        Assumptions.assumeTrue(RenderedOverlay.kubectlAvailable(), RenderedOverlay.NO_KUBECTL);
        dev = RenderedOverlay.render(MANIFESTS.resolve("dev"));
        prod = RenderedOverlay.render(MANIFESTS.resolve("prod"));
    }

    @Test
    void productionKeepsEveryRule() {
        assertThat(ManifestRules.production(prod, developmentSecrets())).isEmpty();
    }

    @Test
    void developmentKeepsTheRulesOfEveryOverlay() {
        assertThat(ManifestRules.everyOverlay(dev)).isEmpty();
    }

    @Test
    void bothOverlaysRunBothServicesWithTheirHeadlessGrpcServices() {
        for (RenderedOverlay overlay : List.of(dev, prod)) {
            assertThat(overlay.all(Deployment.class))
                    .extracting(deployment -> deployment.getMetadata().getName())
                    .containsExactlyInAnyOrder("dashboard-service", "product-service");
            assertThat(overlay.all(io.fabric8.kubernetes.api.model.Service.class))
                    .extracting(service -> service.getMetadata().getName())
                    .contains("dashboard-service-grpc-headless", "product-service-grpc-headless");
        }
    }

    @Test
    void developmentRunsItsOwnPostgresAndProductionExpectsAnExternalOne() {
        assertThat(dev.all(StatefulSet.class))
                .extracting(set -> set.getMetadata().getName())
                .containsExactly("postgres");
        assertThat(prod.all(StatefulSet.class)).isEmpty();
        assertThat(settings(prod, "dashboard-service").getData().get("DASHBOARD_DB_URL"))
                .startsWith("jdbc:postgresql://")
                .doesNotContain("//postgres:");
    }

    @Test
    void developmentSecretsAreGeneratedAndProductionOnesAreLeftToTheDeployer() {
        assertThat(dev.all(Secret.class)).isNotEmpty();
        assertThat(prod.all(Secret.class)).isEmpty();
        assertThat(prod.text()).doesNotContain("dev-product-service-key", "dev-dashboard-service-key");
        assertThat(dev.text()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void productionReadsEachServicesCertificatesFromItsOwnTlsSecretAndDevelopmentRunsGrpcInPlaintext() {
        for (String service : List.of("dashboard-service", "product-service")) {
            PodSpec pod = prod.named(Deployment.class, service)
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            assertThat(pod.getVolumes())
                    .filteredOn(volume -> volume.getSecret() != null)
                    .extracting(volume -> volume.getSecret().getSecretName())
                    .contains(service + "-grpc-tls");
            assertThat(settings(prod, service).getData()).containsEntry("PLATFORM_GRPC_TLS_ENABLED", "true");

            PodSpec devPod = dev.named(Deployment.class, service)
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            assertThat(devPod.getVolumes()).noneMatch(volume -> volume.getSecret() != null);
            assertThat(devPod.getContainers().get(0).getEnv())
                    .noneMatch(env -> env.getName().startsWith("PLATFORM_GRPC_TLS_"));
            assertThat(settings(dev, service).getData())
                    .containsEntry("PLATFORM_GRPC_TLS_ENABLED", "false")
                    .containsEntry("SPRING_PROFILES_ACTIVE", "dev");
        }
    }

    /** Development may run gRPC in plaintext only because it runs the dev profile; without it no pod would start. */
    @Test
    void developmentWithoutTheDevProfileButWithTlsOffBreaksTheRules() {
        RenderedOverlay broken = dev.copy();
        settings(broken, "product-service").getData().remove("SPRING_PROFILES_ACTIVE");
        assertThat(ManifestRules.everyOverlay(dev))
                .doesNotContain("product-service/product-service: turns gRPC TLS off outside the dev profile, so the"
                        + " service refuses to start");
        assertThat(ManifestRules.everyOverlay(broken))
                .contains("product-service/product-service: turns gRPC TLS off outside the dev profile, so the"
                        + " service refuses to start");
    }

    /** Each way of breaking the production manifests, applied to a fresh copy, is reported by the rules. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ABrokenManifestFailsTheBuild {

        @Test
        void withoutAReadinessProbe() {
            assertBreaks(
                    deployment("dashboard-service", container -> container.setReadinessProbe(null)),
                    "dashboard-service/dashboard-service: no readiness probe");
        }

        @Test
        void withoutAStartupProbe() {
            assertBreaks(
                    deployment("product-service", container -> container.setStartupProbe(null)),
                    "product-service/product-service: no startup probe");
        }

        @Test
        void withALivenessProbeOnTheRestPort() {
            assertBreaks(
                    deployment(
                            "product-service",
                            container -> container
                                    .getLivenessProbe()
                                    .getHttpGet()
                                    .setPort(new io.fabric8.kubernetes.api.model.IntOrString("http"))),
                    "product-service/product-service: its liveness probe is not on the management port");
        }

        @Test
        void withoutAMemoryLimit() {
            assertBreaks(
                    deployment(
                            "dashboard-service",
                            container -> container.getResources().getLimits().remove("memory")),
                    "dashboard-service/dashboard-service: no memory limit");
        }

        @Test
        void withACpuLimitBelowItsRequest() {
            assertBreaks(
                    deployment(
                            "product-service",
                            container -> container.getResources().getLimits().put("cpu", new Quantity("100m"))),
                    "product-service/product-service: its cpu limit is below its request");
        }

        @Test
        void withAWritableRootFileSystem() {
            assertBreaks(
                    deployment(
                            "dashboard-service",
                            container -> container.getSecurityContext().setReadOnlyRootFilesystem(false)),
                    "dashboard-service/dashboard-service: its root file system is writable");
        }

        @Test
        void runningAsRoot() {
            RenderedOverlay broken = prod.copy();
            broken.named(Deployment.class, "product-service")
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getSecurityContext()
                    .setRunAsUser(0L);
            assertBreaks(broken, "product-service/product-service: may run as root");
        }

        @Test
        void withAShortTerminationGracePeriod() {
            RenderedOverlay broken = prod.copy();
            broken.named(Deployment.class, "dashboard-service")
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .setTerminationGracePeriodSeconds(10L);
            assertBreaks(
                    broken,
                    "dashboard-service: terminationGracePeriodSeconds 10 is shorter than the"
                            + " shutdown delay, the drain and 5 s (20)");
        }

        @Test
        void withAGrpcTargetThatIsNotTheHeadlessService() {
            RenderedOverlay broken = prod.copy();
            settings(broken, "dashboard-service")
                    .getData()
                    .put("DASHBOARD_TO_PRODUCT_TARGET", "dns:///product-service:9092");
            assertBreaks(
                    broken,
                    "dashboard-service: DASHBOARD_TO_PRODUCT_TARGET names product-service, which is no headless Service");
        }

        @Test
        void withoutAHeadlessGrpcService() {
            RenderedOverlay broken = without(prod.copy(), "product-service-grpc-headless");
            assertBreaks(
                    broken,
                    "product-service: no headless Service product-service-grpc-headless for its gRPC port (grpc)");
        }

        @Test
        void withoutAPodDisruptionBudget() {
            assertBreaks(
                    without(prod.copy(), "PodDisruptionBudget", "dashboard-service"),
                    "dashboard-service: no PodDisruptionBudget");
        }

        @Test
        void withoutAnAutoscaler() {
            assertBreaks(
                    without(prod.copy(), "HorizontalPodAutoscaler", "product-service"),
                    "product-service: no HorizontalPodAutoscaler");
        }

        @Test
        void whenAnyoneMayReachAGrpcPort() {
            RenderedOverlay broken = prod.copy();
            broken.named(NetworkPolicy.class, "dashboard-service").orElseThrow().getSpec().getIngress().stream()
                    .filter(rule -> rule.getFrom() != null && !rule.getFrom().isEmpty())
                    .findFirst()
                    .orElseThrow()
                    .getFrom()
                    .add(new NetworkPolicyPeer(null, new io.fabric8.kubernetes.api.model.LabelSelector(), null));
            assertBreaks(
                    broken,
                    "dashboard-service: NetworkPolicy dashboard-service lets more than the other"
                            + " services reach its gRPC port");
        }

        @Test
        void withoutTheDefaultDenyPolicy() {
            assertBreaks(
                    without(prod.copy(), "default-deny-ingress"),
                    "no NetworkPolicy that denies all ingress the others do not allow");
        }

        @Test
        void withASecretInTheProductionOverlay() {
            RenderedOverlay broken = prod.copy();
            List<io.fabric8.kubernetes.api.model.HasMetadata> documents = new ArrayList<>(broken.documents());
            documents.add(new SecretBuilder()
                    .withNewMetadata()
                    .withName("dashboard-service-secrets")
                    .endMetadata()
                    .addToStringData("DASHBOARD_DB_PASSWORD", "dashboard")
                    .build());
            RenderedOverlay withSecret = new RenderedOverlay(broken.name(), documents, broken.text());
            assertThat(ManifestRules.production(withSecret, developmentSecrets()))
                    .contains(
                            "Secret dashboard-service-secrets is in the manifests; production secrets are created"
                                    + " by the deployer",
                            "dashboard-service: reads no Secret that the deployer creates");
        }

        @Test
        void withAPasswordInAConfigMapOrDevelopmentMode() {
            RenderedOverlay broken = prod.copy();
            ConfigMap settings = settings(broken, "product-service");
            settings.getData().put("PRODUCT_DB_PASSWORD", "product");
            settings.getData().put("SPRING_PROFILES_ACTIVE", "dev");
            assertThat(ManifestRules.production(broken, developmentSecrets()))
                    .contains(
                            "ConfigMap " + settings.getMetadata().getName() + " holds the secret PRODUCT_DB_PASSWORD",
                            "ConfigMap " + settings.getMetadata().getName() + " turns development mode on");
        }

        @Test
        void withADevelopmentKey() {
            RenderedOverlay broken = RenderedOverlay.parse(
                    "prod",
                    prod.text()
                            .replace(
                                    "dns:///product-service-grpc-headless:9092",
                                    "dns:///product-service-grpc-headless:9092\n  NOTE: dev-dashboard-service-key"));
            assertThat(ManifestRules.production(broken, developmentSecrets()))
                    .contains("a development secret of .env.example is in the manifests: dev-dashboard-service-key");
        }

        @Test
        void withAnUnversionedImage() {
            assertBreaks(
                    deployment("product-service", container -> container.setImage("likes/product-service")),
                    "product-service: image likes/product-service has no version");
        }

        @Test
        void withGrpcTlsTurnedOffInAnyWaySpringReadsAsFalse() {
            for (String off : List.of("false", "FALSE", "off", "no", "0", " False ")) {
                RenderedOverlay inSettings = prod.copy();
                settings(inSettings, "product-service").getData().put("PLATFORM_GRPC_TLS_ENABLED", off);
                assertBreaks(
                        inSettings,
                        "product-service/product-service: turns gRPC mutual TLS off (PLATFORM_GRPC_TLS_ENABLED);"
                                + " production keeps it on");
                RenderedOverlay inTheContainer = deployment(
                        "dashboard-service",
                        container -> container.getEnv().add(new EnvVar("PLATFORM_GRPC_TLS_ENABLED", off, null)));
                assertBreaks(
                        inTheContainer,
                        "dashboard-service/dashboard-service: turns gRPC TLS off outside the dev profile, so the"
                                + " service refuses to start");
            }
        }

        @Test
        void withGrpcTlsOnButWithoutItsTrustFile() {
            assertBreaks(
                    deployment(
                            "product-service",
                            container -> container
                                    .getEnv()
                                    .removeIf(env -> env.getName().equals("PLATFORM_GRPC_TLS_TRUST"))),
                    "product-service/product-service: gRPC TLS is on but PLATFORM_GRPC_TLS_TRUST is not set, so the"
                            + " service refuses to start");
        }

        @Test
        void withTheCertificateOutsideTheSecretMount() {
            assertBreaks(
                    deployment(
                            "dashboard-service",
                            container -> env(container, "PLATFORM_GRPC_TLS_CERTIFICATE")
                                    .setValue("/tmp/tls.crt")),
                    "dashboard-service/dashboard-service: PLATFORM_GRPC_TLS_CERTIFICATE=/tmp/tls.crt is on no"
                            + " mounted Secret volume");
        }

        @Test
        void withoutTheTlsSecretVolume() {
            RenderedOverlay broken = prod.copy();
            PodSpec pod = broken.named(Deployment.class, "product-service")
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            pod.getVolumes().removeIf(volume -> volume.getSecret() != null);
            assertBreaks(
                    broken,
                    "product-service/product-service: PLATFORM_GRPC_TLS_PRIVATE_KEY=/etc/grpc-tls/tls.key is on no"
                            + " mounted Secret volume");
        }

        @Test
        void withTheTlsSecretMountedWritable() {
            for (Boolean readOnly : java.util.Arrays.asList(false, null)) {
                assertBreaks(
                        deployment(
                                "dashboard-service",
                                container -> container.getVolumeMounts().stream()
                                        .filter(mount -> mount.getMountPath().equals("/etc/grpc-tls"))
                                        .forEach(mount -> mount.setReadOnly(readOnly))),
                        "dashboard-service/dashboard-service: mounts its gRPC TLS Secret dashboard-service-grpc-tls"
                                + " writable");
            }
        }

        @Test
        void withTheKeyPathNamingAnotherFileOfTheSecret() {
            assertBreaks(
                    deployment(
                            "product-service",
                            container -> env(container, "PLATFORM_GRPC_TLS_PRIVATE_KEY")
                                    .setValue("/etc/grpc-tls/tls.crt")),
                    "product-service/product-service: PLATFORM_GRPC_TLS_PRIVATE_KEY=/etc/grpc-tls/tls.crt is not the"
                            + " key tls.key of Secret product-service-grpc-tls");
        }

        /** A Secret volume may map its keys to other file names; the rules follow the mapping. */
        @Test
        void withTheSecretsKeysMappedToOtherFileNamesOnlyTheMappedPathsPass() {
            RenderedOverlay renamed = prod.copy();
            Container container = renamed.named(Deployment.class, "dashboard-service")
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0);
            renamed
                    .named(Deployment.class, "dashboard-service")
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getVolumes()
                    .stream()
                    .filter(volume -> volume.getSecret() != null)
                    .forEach(volume -> volume.getSecret()
                            .setItems(List.of(
                                    new KeyToPathBuilder()
                                            .withKey("tls.crt")
                                            .withPath("server.pem")
                                            .build(),
                                    new KeyToPathBuilder()
                                            .withKey("tls.key")
                                            .withPath("server-key.pem")
                                            .build(),
                                    new KeyToPathBuilder()
                                            .withKey("ca.crt")
                                            .withPath("ca.pem")
                                            .build())));
            env(container, "PLATFORM_GRPC_TLS_CERTIFICATE").setValue("/etc/grpc-tls/server.pem");
            env(container, "PLATFORM_GRPC_TLS_PRIVATE_KEY").setValue("/etc/grpc-tls/server-key.pem");
            assertThat(ManifestRules.production(renamed, developmentSecrets()))
                    .containsExactly("dashboard-service/dashboard-service: PLATFORM_GRPC_TLS_TRUST=/etc/grpc-tls/ca.crt"
                            + " is not the key ca.crt of Secret dashboard-service-grpc-tls");
            env(container, "PLATFORM_GRPC_TLS_TRUST").setValue("/etc/grpc-tls/ca.pem");
            assertThat(ManifestRules.production(renamed, developmentSecrets())).isEmpty();
        }

        @Test
        void withTheTlsSecretInTheProductionOverlay() {
            RenderedOverlay broken = prod.copy();
            List<io.fabric8.kubernetes.api.model.HasMetadata> documents = new ArrayList<>(broken.documents());
            documents.add(new SecretBuilder()
                    .withNewMetadata()
                    .withName("product-service-grpc-tls")
                    .endMetadata()
                    .withType("kubernetes.io/tls")
                    .addToStringData("tls.crt", "-----BEGIN CERTIFICATE-----")
                    .build());
            RenderedOverlay withSecret = new RenderedOverlay(broken.name(), documents, broken.text());
            assertThat(ManifestRules.production(withSecret, developmentSecrets()))
                    .contains("Secret product-service-grpc-tls is in the manifests; production secrets are created"
                            + " by the deployer");
        }

        private static EnvVar env(Container container, String name) {
            return container.getEnv().stream()
                    .filter(env -> env.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        private RenderedOverlay deployment(String name, Consumer<Container> change) {
            RenderedOverlay broken = prod.copy();
            change.accept(broken.named(Deployment.class, name)
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0));
            return broken;
        }

        private void assertBreaks(RenderedOverlay broken, String violation) {
            assertThat(ManifestRules.production(prod, developmentSecrets())).doesNotContain(violation);
            assertThat(ManifestRules.production(broken, developmentSecrets())).contains(violation);
        }
    }

    private static RenderedOverlay without(RenderedOverlay overlay, String name) {
        return new RenderedOverlay(
                overlay.name(),
                overlay.documents().stream()
                        .filter(document -> !document.getMetadata().getName().equals(name))
                        .toList(),
                overlay.text());
    }

    private static RenderedOverlay without(RenderedOverlay overlay, String kind, String name) {
        return new RenderedOverlay(
                overlay.name(),
                overlay.documents().stream()
                        .filter(document -> !(document.getKind().equals(kind)
                                && document.getMetadata().getName().equals(name)))
                        .toList(),
                overlay.text());
    }

    private static ConfigMap settings(RenderedOverlay overlay, String service) {
        return overlay.all(ConfigMap.class).stream()
                .filter(configMap -> configMap.getMetadata().getName().startsWith(service + "-settings"))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The API keys of {@code .env.example} (the values of its {@code *_API_KEY} variables and the keys of its
     * {@code caller:key} lists), which no production manifest may hold. Its passwords are plain words that occur in
     * names ("dashboard"); the rules keep them out another way: no Secret and no secret variable in a ConfigMap.
     */
    private static Set<String> developmentSecrets() {
        try (Stream<String> lines = Files.lines(MANIFESTS.resolve("../../.env.example"))) {
            return lines.filter(line -> !line.startsWith("#") && line.contains("="))
                    .filter(line -> {
                        String name = line.substring(0, line.indexOf('='));
                        return name.endsWith("_API_KEY") || name.endsWith("_KEYS");
                    })
                    .map(line -> line.substring(line.indexOf('=') + 1))
                    .flatMap(value -> Stream.of(value.split(",")))
                    .map(pair -> pair.substring(pair.indexOf(':') + 1).trim())
                    .filter(key -> !key.isEmpty())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
