package com.example.likes.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
    private static final Repository REPOSITORY = Repository.read(MANIFESTS.resolve("../.."));
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
        assertThat(ManifestRules.production(prod, REPOSITORY)).isEmpty();
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
                    .filter(rule -> rule.getPorts().stream()
                            .anyMatch(port -> "grpc".equals(port.getPort().getStrVal())))
                    .findFirst()
                    .orElseThrow()
                    .getFrom()
                    .add(new NetworkPolicyPeer(null, new LabelSelector(), null));
            assertBreaks(
                    broken,
                    "dashboard-service: NetworkPolicy dashboard-service lets more than the other"
                            + " services reach its gRPC port");
        }

        @Test
        void withoutTheDefaultDenyPolicy() {
            assertBreaks(
                    without(prod.copy(), "default-deny"),
                    "no NetworkPolicy denies every pod all ingress and egress that the others do not allow");
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
            assertThat(ManifestRules.production(withSecret, REPOSITORY))
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
            assertThat(ManifestRules.production(broken, REPOSITORY))
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
            assertThat(ManifestRules.production(broken, REPOSITORY))
                    .contains("a development secret of .env.example is in the manifests: dev-dashboard-service-key");
        }

        /** The deployer follows the docs: a variable the docs leave out falls back to its development default. */
        @Test
        void whenTheDocumentedSecretLacksTheOperatorKeys() {
            Set<String> keys = new HashSet<>(REPOSITORY.deployerSecrets().get("dashboard-service-secrets"));
            keys.remove("DASHBOARD_OPERATOR_KEYS");
            Repository withoutOperatorKeys = REPOSITORY.withDeployerSecret("dashboard-service-secrets", keys);

            assertThat(ManifestRules.production(prod, REPOSITORY))
                    .noneMatch(violation -> violation.contains("DASHBOARD_OPERATOR_KEYS"));
            assertThat(ManifestRules.production(prod, withoutOperatorKeys))
                    .contains("dashboard-service: DASHBOARD_OPERATOR_KEYS has neither a value here nor a key in a"
                            + " Secret that docs/kubernetes.md tells the deployer to create, so the service would start"
                            + " with its development default");
        }

        @Test
        void whenAServiceReadsASecretTheDocsDoNotName() {
            assertBreaks(
                    deployment(
                            "product-service",
                            container -> container.getEnvFrom().stream()
                                    .filter(source -> source.getSecretRef() != null)
                                    .forEach(source -> source.getSecretRef().setName("product-secrets"))),
                    "product-service: reads Secret product-secrets, which docs/kubernetes.md does not tell the"
                            + " deployer to create");
        }

        @Test
        void withADevelopmentAddress() {
            RenderedOverlay broken = prod.copy();
            settings(broken, "product-service")
                    .getData()
                    .put(
                            "PRODUCT_DB_URL",
                            "jdbc:postgresql://localhost:5432/product?sslmode=verify-full"
                                    + "&sslrootcert=/etc/db-tls/ca.crt");
            assertBreaks(broken, "product-service: PRODUCT_DB_URL is set to a development value");
        }

        @Test
        void withADatabaseConnectionThatDoesNotVerifyTheServer() {
            for (String mode : List.of("require", "verify-ca", "prefer")) {
                RenderedOverlay broken = prod.copy();
                settings(broken, "dashboard-service")
                        .getData()
                        .put("DASHBOARD_DB_URL", "jdbc:postgresql://dashboard-db-rw:5432/dashboard?sslmode=" + mode);
                assertBreaks(
                        broken,
                        "dashboard-service: DASHBOARD_DB_URL does not verify the database's certificate and name"
                                + " (sslmode=verify-full)");
            }
        }

        @Test
        void withTheWholeDatabaseCaSecretMounted() {
            RenderedOverlay broken = prod.copy();
            pod(broken, "dashboard-service").getVolumes().stream()
                    .filter(volume -> volume.getName().equals("db-tls"))
                    .forEach(volume -> volume.getSecret().setItems(null));
            assertBreaks(
                    broken, "dashboard-service: mounts more of Secret dashboard-db-ca than the database's CA ca.crt");
        }

        @Test
        void withThePlaintextHttp2ProtocolOnAPortThatSpeaksTls() {
            RenderedOverlay broken = prod.copy();
            broken.named(io.fabric8.kubernetes.api.model.Service.class, "product-service-grpc-headless")
                    .orElseThrow()
                    .getSpec()
                    .getPorts()
                    .forEach(port -> port.setAppProtocol("kubernetes.io/h2c"));
            assertBreaks(
                    broken,
                    "Service product-service-grpc-headless declares kubernetes.io/h2c (plaintext HTTP/2) on port grpc,"
                            + " which speaks TLS");
        }

        @Test
        void whenEveryPodMayReachTheRestPort() {
            RenderedOverlay broken = prod.copy();
            ingress(broken, "product-service", "http").setFrom(List.of());
            assertBreaks(
                    broken,
                    "product-service: NetworkPolicy product-service lets more than the ingress namespace reach its"
                            + " REST port");
        }

        @Test
        void whenAnyNamespaceMayReachTheManagementPort() {
            RenderedOverlay broken = prod.copy();
            ingress(broken, "dashboard-service", "management")
                    .getFrom()
                    .add(new NetworkPolicyPeer(null, new LabelSelector(), null));
            assertBreaks(
                    broken,
                    "dashboard-service: NetworkPolicy dashboard-service lets more than the monitoring namespace reach"
                            + " its management port");
        }

        @Test
        void withoutDenyingEgress() {
            RenderedOverlay broken = prod.copy();
            broken.named(NetworkPolicy.class, "default-deny")
                    .orElseThrow()
                    .getSpec()
                    .setPolicyTypes(List.of("Ingress"));
            assertBreaks(
                    broken, "no NetworkPolicy denies every pod all ingress and egress that the others do not allow");
        }

        @Test
        void whenAServiceMayReachAnyAddressOrPort() {
            RenderedOverlay anywhere = prod.copy();
            egress(anywhere, "dashboard-service").add(new NetworkPolicyEgressRule(List.of(port(443)), List.of()));
            assertBreaks(anywhere, "dashboard-service: NetworkPolicy dashboard-service lets it reach any address");

            RenderedOverlay everyPort = prod.copy();
            egress(everyPort, "dashboard-service")
                    .add(new NetworkPolicyEgressRule(
                            List.of(), List.of(pods("app.kubernetes.io/name", "product-service"))));
            assertBreaks(everyPort, "dashboard-service: NetworkPolicy dashboard-service lets it reach every port");
        }

        @Test
        void whenAServiceMayReachTheCloudsMetadataEndpointOrTheInternet() {
            for (String cidr : List.of("169.254.0.0/16", "0.0.0.0/0")) {
                RenderedOverlay broken = prod.copy();
                egress(broken, "product-service")
                        .add(new NetworkPolicyEgressRule(
                                List.of(port(443)),
                                List.of(new NetworkPolicyPeer(new IPBlock(cidr, List.of()), null, null))));
                assertBreaks(
                        broken,
                        "product-service: NetworkPolicy product-service lets it reach " + cidr
                                + ", the whole internet or the cloud's metadata endpoint");
            }
        }

        @Test
        void whenAServiceMayReachSomethingElse() {
            RenderedOverlay broken = prod.copy();
            egress(broken, "product-service")
                    .add(new NetworkPolicyEgressRule(
                            List.of(port(6379)), List.of(pods("app.kubernetes.io/name", "redis"))));
            assertBreaks(
                    broken,
                    "product-service: NetworkPolicy product-service lets it reach port 6379 of 1 peer(s), which is none"
                            + " of DNS, its database, a service it calls, the telemetry collector and the OAuth2 issuer");
        }

        @Test
        void whenAServiceMayReachTheOtherServicesDatabase() {
            RenderedOverlay broken = prod.copy();
            broken.named(NetworkPolicy.class, "dashboard-service-database")
                    .orElseThrow()
                    .getSpec()
                    .getEgress()
                    .get(0)
                    .getTo()
                    .add(pods("cnpg.io/cluster", "product-db"));
            assertBreaks(
                    broken,
                    "dashboard-service: no NetworkPolicy of its database lets it in (a policy selecting"
                            + " {cnpg.io/cluster=product-db})");
        }

        @Test
        void whenADatabaseLetsInAnotherService() {
            RenderedOverlay broken = prod.copy();
            broken.named(NetworkPolicy.class, "dashboard-db")
                    .orElseThrow()
                    .getSpec()
                    .getIngress()
                    .get(0)
                    .getFrom()
                    .add(pods("app.kubernetes.io/name", "product-service"));
            assertBreaks(
                    broken, "NetworkPolicy dashboard-db lets product-service reach the database of dashboard-service");
        }

        @Test
        void whenAServiceCannotReachItsDatabaseOrTheServiceItCalls() {
            assertBreaks(
                    without(prod.copy(), "NetworkPolicy", "dashboard-service-database"),
                    "dashboard-service: no NetworkPolicy lets it reach its database");
            RenderedOverlay noCallee = prod.copy();
            egress(noCallee, "product-service")
                    .removeIf(rule -> rule.getPorts().stream()
                            .anyMatch(port ->
                                    Integer.valueOf(9091).equals(port.getPort().getIntVal())));
            assertBreaks(
                    noCallee, "product-service: no NetworkPolicy lets it reach the gRPC port of dashboard-service");
        }

        private NetworkPolicyIngressRule ingress(RenderedOverlay overlay, String service, String port) {
            return overlay.named(NetworkPolicy.class, service).orElseThrow().getSpec().getIngress().stream()
                    .filter(rule -> rule.getPorts().stream()
                            .anyMatch(
                                    candidate -> port.equals(candidate.getPort().getStrVal())))
                    .findFirst()
                    .orElseThrow();
        }

        private List<NetworkPolicyEgressRule> egress(RenderedOverlay overlay, String service) {
            return overlay.named(NetworkPolicy.class, service)
                    .orElseThrow()
                    .getSpec()
                    .getEgress();
        }

        private static NetworkPolicyPort port(int number) {
            return new NetworkPolicyPort(null, new IntOrString(number), "TCP");
        }

        private static NetworkPolicyPeer pods(String label, String value) {
            return new NetworkPolicyPeer(null, null, new LabelSelector(List.of(), Map.of(label, value)));
        }

        private static PodSpec pod(RenderedOverlay overlay, String name) {
            return overlay.named(Deployment.class, name)
                    .orElseThrow()
                    .getSpec()
                    .getTemplate()
                    .getSpec();
        }

        @Test
        void withAVariableNoServiceReads() {
            RenderedOverlay broken = prod.copy();
            settings(broken, "dashboard-service").getData().put("DASHBOARD_HEALTH_SHOW_DETAILS", "never");
            assertBreaks(
                    broken,
                    "dashboard-service: DASHBOARD_HEALTH_SHOW_DETAILS is set, but the service reads no such variable");
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
                    .filter(volume -> volume.getName().equals("grpc-tls"))
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
            assertThat(ManifestRules.production(renamed, REPOSITORY))
                    .containsExactly("dashboard-service/dashboard-service: PLATFORM_GRPC_TLS_TRUST=/etc/grpc-tls/ca.crt"
                            + " is not the key ca.crt of Secret dashboard-service-grpc-tls");
            env(container, "PLATFORM_GRPC_TLS_TRUST").setValue("/etc/grpc-tls/ca.pem");
            assertThat(ManifestRules.production(renamed, REPOSITORY)).isEmpty();
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
            assertThat(ManifestRules.production(withSecret, REPOSITORY))
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
            assertThat(ManifestRules.production(prod, REPOSITORY)).doesNotContain(violation);
            assertThat(ManifestRules.production(broken, REPOSITORY)).contains(violation);
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
}
