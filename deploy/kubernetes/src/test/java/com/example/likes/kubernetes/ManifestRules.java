package com.example.likes.kubernetes;

import static com.example.likes.kubernetes.RenderedOverlay.listOf;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay keeps, and those only production keeps, as a list of violations (empty: all
 * kept). Each Deployment is a service; nothing here names one, so a third service is checked the same way.
 */
final class ManifestRules {

    private static final Pattern DNS_TARGET = Pattern.compile("dns:///([a-z0-9-]+):(\\d+)");
    // A gRPC client's target, named after the caller and the callee: DASHBOARD_TO_PRODUCT_TARGET.
    private static final Pattern CLIENT_TARGET =
            Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*_TO_[A-Z0-9]+(_[A-Z0-9]+)*_TARGET");
    private static final Pattern SECRET_VARIABLE = Pattern.compile(".*(PASSWORD|_KEYS|_API_KEY)$");
    private static final Duration DRAIN_HEADROOM = Duration.ofSeconds(5);
    private static final String TLS_ENABLED = "PLATFORM_GRPC_TLS_ENABLED";
    // Each file GrpcTlsSettings needs, and the key of a kubernetes.io/tls Secret (as cert-manager writes it) it is.
    private static final Map<String, String> TLS_FILES = Map.of(
            "PLATFORM_GRPC_TLS_CERTIFICATE", "tls.crt",
            "PLATFORM_GRPC_TLS_PRIVATE_KEY", "tls.key",
            "PLATFORM_GRPC_TLS_TRUST", "ca.crt");
    // What Spring's String-to-Boolean conversion reads as false (StringToBooleanConverter).
    private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

    private static final Pattern DATABASE_URL = Pattern.compile("[A-Z0-9_]+_DB_URL");
    private static final Pattern SSL_ROOT_CERT = Pattern.compile("[?&]sslrootcert=([^&]+)");
    private static final String H2C = "kubernetes.io/h2c";

    private final RenderedOverlay overlay;
    private final boolean production;
    private final List<String> violations = new ArrayList<>();

    private ManifestRules(RenderedOverlay overlay, boolean production) {
        this.overlay = overlay;
        this.production = production;
    }

    /**
     * What any overlay must keep: probes, limits, a locked-down container, the Services, budget and NetworkPolicies
     * ({@link NetworkPolicyRules}), and gRPC TLS as the service accepts it at start (off only in the dev profile; on
     * with its three files from a read-only Secret mount).
     */
    static List<String> everyOverlay(RenderedOverlay overlay) {
        ManifestRules rules = new ManifestRules(overlay, false);
        rules.checkEveryDeployment();
        return List.copyOf(rules.violations);
    }

    /**
     * What production adds: at least two pods at all times, pinned image versions, gRPC mutual TLS on, a database
     * of its own per service over TLS that verifies the server, no secret value (neither a Secret, the TLS
     * certificates' included, nor a secret variable in a ConfigMap, nor a development key of {@code .env.example}),
     * and no development value: every variable a service reads whose default is a development value (a published
     * secret, a local address) or that has no default is set here or comes from a Secret that
     * {@code docs/kubernetes.md} tells the deployer to create, with that key.
     */
    static List<String> production(RenderedOverlay overlay, Repository repository) {
        ManifestRules rules = new ManifestRules(overlay, true);
        rules.checkEveryDeployment();
        rules.checkProduction(repository);
        return List.copyOf(rules.violations);
    }

    /** The names of {@code .env.example}'s variables that hold secrets: passwords, API keys, caller keys. */
    static boolean isSecretVariable(String name) {
        return SECRET_VARIABLE.matcher(name).matches();
    }

    /** A gRPC client's target, named after the caller and the callee: {@code DASHBOARD_TO_PRODUCT_TARGET}. */
    static boolean isClientTarget(String name) {
        return CLIENT_TARGET.matcher(name).matches();
    }

    private void checkEveryDeployment() {
        List<Deployment> deployments = overlay.all(Deployment.class);
        if (deployments.isEmpty()) {
            violations.add("no Deployment at all");
        }
        for (Deployment deployment : deployments) {
            checkDeployment(deployment);
        }
        checkServicePorts();
        violations.addAll(NetworkPolicyRules.check(overlay, production));
    }

    private void checkDeployment(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        Integer maxUnavailable = intOf(
                deployment.getSpec().getStrategy().getRollingUpdate() == null
                        ? null
                        : deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());
        if (!Objects.equals(maxUnavailable, 0)) {
            violations.add(name + ": a rolling update may take a pod away before its successor is ready");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            violations.add(name + ": mounts a service account token it does not need");
        }
        for (Container container : pod.getContainers()) {
            checkContainer(name, pod, container);
        }
        Optional<ConfigMap> settings = overlay.settingsOf(pod);
        if (settings.isEmpty()) {
            violations.add(name + ": takes its settings from no ConfigMap of this overlay");
        } else {
            checkShutdown(name, pod, settings.get());
            checkClient(name, settings.get());
        }
        checkServices(name, podLabels, pod);
        checkDisruptionBudget(name, podLabels);
        checkAutoscaler(name);
    }

    private void checkContainer(String deployment, PodSpec pod, Container container) {
        String where = deployment + "/" + container.getName();
        Optional<Integer> management = NetworkPolicyRules.portNumber(container, "management");
        if (management.isEmpty()) {
            violations.add(where + ": no port named management");
        }
        checkGrpcTls(where, pod, container);
        checkProbe(where, "startup", container.getStartupProbe(), "/actuator/health/liveness", container);
        checkProbe(where, "liveness", container.getLivenessProbe(), "/actuator/health/liveness", container);
        checkProbe(where, "readiness", container.getReadinessProbe(), "/actuator/health/readiness", container);

        ResourceRequirements resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = resources == null || resources.getRequests() == null
                    ? null
                    : resources.getRequests().get(resource);
            Quantity limit = resources == null || resources.getLimits() == null
                    ? null
                    : resources.getLimits().get(resource);
            if (request == null) {
                violations.add(where + ": no " + resource + " request");
            }
            if (limit == null) {
                violations.add(where + ": no " + resource + " limit");
            }
            if (request != null && limit != null && limit.compareTo(request) < 0) {
                violations.add(where + ": its " + resource + " limit is below its request");
            }
        }

        SecurityContext security = container.getSecurityContext();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        boolean nonRoot = security != null && Boolean.TRUE.equals(security.getRunAsNonRoot())
                || podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
        Long user = security != null && security.getRunAsUser() != null
                ? security.getRunAsUser()
                : podSecurity == null ? null : podSecurity.getRunAsUser();
        if (!nonRoot || Objects.equals(user, 0L)) {
            violations.add(where + ": may run as root");
        }
        if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            violations.add(where + ": its root file system is writable");
        }
        if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            violations.add(where + ": may escalate its privileges");
        }
        if (security == null
                || security.getCapabilities() == null
                || !security.getCapabilities().getDrop().contains("ALL")) {
            violations.add(where + ": keeps Linux capabilities");
        }
    }

    private void checkProbe(String where, String kind, Probe probe, String path, Container container) {
        if (probe == null) {
            violations.add(where + ": no " + kind + " probe");
            return;
        }
        if (probe.getHttpGet() == null) {
            violations.add(where + ": its " + kind + " probe is not an HTTP check of Actuator's health");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": its " + kind + " probe asks "
                    + probe.getHttpGet().getPath() + ", not " + path);
        }
        Optional<Integer> port =
                NetworkPolicyRules.resolve(container, probe.getHttpGet().getPort());
        if (port.isEmpty() || !port.equals(NetworkPolicyRules.portNumber(container, "management"))) {
            violations.add(where + ": its " + kind + " probe is not on the management port");
        }
    }

    // Kubernetes gives the kubelet terminationGracePeriodSeconds from SIGTERM to SIGKILL: the platform's NOT_SERVING
    // delay and its drain must fit in it.
    private void checkShutdown(String name, PodSpec pod, ConfigMap settings) {
        Duration delay = durationOf(settings, "PLATFORM_GRPC_SERVER_SHUTDOWN_DELAY");
        Duration grace = durationOf(settings, "PLATFORM_GRPC_SERVER_SHUTDOWN_GRACE_PERIOD");
        if (delay == null || delay.isZero()) {
            violations.add(name + ": gRPC health does not stay NOT_SERVING for a while before the server stops"
                    + " (PLATFORM_GRPC_SERVER_SHUTDOWN_DELAY)");
        }
        if (grace == null) {
            violations.add(name + ": no drain time for calls in flight (PLATFORM_GRPC_SERVER_SHUTDOWN_GRACE_PERIOD)");
        }
        if (delay != null && grace != null) {
            Duration needed = delay.plus(grace).plus(DRAIN_HEADROOM);
            Long given = pod.getTerminationGracePeriodSeconds();
            if (given == null || given < needed.toSeconds()) {
                violations.add(name + ": terminationGracePeriodSeconds " + given + " is shorter than the shutdown"
                        + " delay, the drain and " + DRAIN_HEADROOM.toSeconds() + " s (" + needed.toSeconds() + ")");
            }
        }
        if (durationOf(settings, "PLATFORM_GRPC_SERVER_MAX_CONNECTION_AGE") == null) {
            violations.add(name + ": gRPC connections never age, so clients never find new pods"
                    + " (PLATFORM_GRPC_SERVER_MAX_CONNECTION_AGE)");
        }
    }

    // Each gRPC client resolves the other service's headless Service by DNS and balances round-robin over its pods.
    private void checkClient(String name, ConfigMap settings) {
        Map<String, String> data = settings.getData();
        List<String> targets =
                data.keySet().stream().filter(ManifestRules::isClientTarget).toList();
        if (targets.isEmpty()) {
            violations.add(name + ": calls no other service over gRPC (no <CALLER>_TO_<CALLEE>_TARGET)");
        }
        for (String target : targets) {
            String value = data.get(target);
            Matcher dns = DNS_TARGET.matcher(value);
            if (!dns.matches()) {
                violations.add(name + ": " + target + "=" + value + " is not dns:///<headless service>:<port>");
                continue;
            }
            Optional<Service> service = overlay.named(Service.class, dns.group(1));
            if (service.isEmpty() || !"None".equals(service.get().getSpec().getClusterIP())) {
                violations.add(name + ": " + target + " names " + dns.group(1) + ", which is no headless Service");
            } else if (service.get().getSpec().getPorts().stream()
                    .noneMatch(port -> port.getPort() == Integer.parseInt(dns.group(2)))) {
                violations.add(name + ": " + target + " names port " + dns.group(2) + ", which " + dns.group(1)
                        + " does not have");
            }
            String policy = target.replace("_TARGET", "_LOAD_BALANCING_POLICY");
            if (!"round_robin".equals(data.get(policy))) {
                violations.add(name + ": " + policy + " is not round_robin, so one pod would get every call");
            }
        }
    }

    private void checkServices(String name, Map<String, String> podLabels, PodSpec pod) {
        List<Service> selecting = overlay.all(Service.class).stream()
                .filter(service -> selects(service.getSpec().getSelector(), podLabels))
                .toList();
        boolean rest = selecting.stream()
                .anyMatch(service -> !"None".equals(service.getSpec().getClusterIP()) && targets(service, pod, "http"));
        if (!rest) {
            violations.add(name + ": no ClusterIP Service for its REST port (http)");
        }
        Optional<Service> headless = overlay.named(Service.class, name + "-grpc-headless");
        if (headless.isEmpty()
                || !"None".equals(headless.get().getSpec().getClusterIP())
                || !selects(headless.get().getSpec().getSelector(), podLabels)
                || !targets(headless.get(), pod, "grpc")) {
            violations.add(name + ": no headless Service " + name + "-grpc-headless for its gRPC port (grpc)");
        }
    }

    private void checkDisruptionBudget(String name, Map<String, String> podLabels) {
        boolean budget = overlay.all(PodDisruptionBudget.class).stream()
                .anyMatch(pdb -> selects(pdb.getSpec().getSelector(), podLabels)
                        && (pdb.getSpec().getMaxUnavailable() != null
                                || pdb.getSpec().getMinAvailable() != null));
        if (!budget) {
            violations.add(name + ": no PodDisruptionBudget");
        }
    }

    private void checkAutoscaler(String name) {
        Optional<HorizontalPodAutoscaler> autoscaler = overlay.all(HorizontalPodAutoscaler.class).stream()
                .filter(hpa ->
                        "Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())
                                && name.equals(hpa.getSpec().getScaleTargetRef().getName()))
                .findFirst();
        if (autoscaler.isEmpty()) {
            violations.add(name + ": no HorizontalPodAutoscaler");
            return;
        }
        var spec = autoscaler.get().getSpec();
        if (spec.getMinReplicas() == null || spec.getMaxReplicas() <= spec.getMinReplicas()) {
            violations.add(name + ": its HorizontalPodAutoscaler cannot add a pod");
        }
        boolean cpu = spec.getMetrics() != null
                && spec.getMetrics().stream()
                        .anyMatch(metric -> metric.getResource() != null
                                && "cpu".equals(metric.getResource().getName()));
        if (!cpu) {
            violations.add(name + ": its HorizontalPodAutoscaler does not follow CPU");
        }
    }

    private void checkProduction(Repository repository) {
        for (Secret secret : overlay.all(Secret.class)) {
            violations.add("Secret " + secret.getMetadata().getName() + " is in the manifests; production secrets"
                    + " are created by the deployer");
        }
        for (StatefulSet statefulSet : overlay.all(StatefulSet.class)) {
            violations.add("StatefulSet " + statefulSet.getMetadata().getName() + ": production runs no database of"
                    + " its own");
        }
        for (ConfigMap configMap : overlay.all(ConfigMap.class)) {
            configMap.getData().forEach((key, value) -> {
                if (isSecretVariable(key)) {
                    violations.add("ConfigMap " + configMap.getMetadata().getName() + " holds the secret " + key);
                }
                if (key.equals("SPRING_PROFILES_ACTIVE") && value.contains("dev")) {
                    violations.add("ConfigMap " + configMap.getMetadata().getName() + " turns development mode on");
                }
            });
        }
        for (String secret : repository.apiKeys()) {
            if (overlay.text().contains(secret)) {
                violations.add("a development secret of .env.example is in the manifests: " + secret);
            }
        }
        for (Deployment deployment : overlay.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                String image = container.getImage();
                String tag = image.contains("@") ? "digest" : image.substring(image.lastIndexOf('/') + 1);
                if (!tag.equals("digest") && (!tag.contains(":") || tag.endsWith(":latest"))) {
                    violations.add(name + ": image " + image + " has no version");
                }
                if (!grpcTlsOn(overlay.environmentOf(container))) {
                    violations.add(name + "/" + container.getName() + ": turns gRPC mutual TLS off (" + TLS_ENABLED
                            + "); production keeps it on");
                }
                for (EnvVar env : listOf(container.getEnv())) {
                    if (isSecretVariable(env.getName()) && env.getValue() != null) {
                        violations.add(name + ": " + env.getName() + " is written into the manifest");
                    }
                }
                boolean secretFromDeployer = listOf(container.getEnvFrom()).stream()
                        .map(EnvFromSource::getSecretRef)
                        .filter(Objects::nonNull)
                        .anyMatch(ref ->
                                overlay.named(Secret.class, ref.getName()).isEmpty());
                if (!secretFromDeployer) {
                    violations.add(name + ": reads no Secret that the deployer creates");
                }
                checkSettingsComeFromTheOverlayOrTheDocumentedSecrets(name, pod, container, repository);
                checkDatabaseTls(name, pod, container);
            }
            Integer replicas = deployment.getSpec().getReplicas();
            if (replicas == null || replicas < 2) {
                violations.add(name + ": fewer than two pods");
            }
        }
        for (HorizontalPodAutoscaler hpa : overlay.all(HorizontalPodAutoscaler.class)) {
            if (hpa.getSpec().getMinReplicas() == null || hpa.getSpec().getMinReplicas() < 2) {
                violations.add(hpa.getMetadata().getName() + ": may scale down to one pod");
            }
        }
    }

    /**
     * Every variable the service reads that has no default, or a development one (a published secret, a local
     * address), is set in the overlay to a value of its own or comes from a key of a Secret the docs tell the
     * deployer to create; and every Secret the pod reads is one the docs name, with the keys it takes from it.
     */
    private void checkSettingsComeFromTheOverlayOrTheDocumentedSecrets(
            String name, PodSpec pod, Container container, Repository repository) {
        Map<String, Optional<String>> read = repository.variablesOf(name);
        if (read.isEmpty()) {
            violations.add(name + ": no service of that name in services/, so what it reads is unknown");
            return;
        }
        Map<String, String> values = overlay.environmentOf(container);
        Set<String> fromSecrets = new HashSet<>();
        for (EnvFromSource source : listOf(container.getEnvFrom())) {
            if (source.getSecretRef() != null
                    && overlay.named(Secret.class, source.getSecretRef().getName())
                            .isEmpty()) {
                String secret = source.getSecretRef().getName();
                Set<String> keys = repository.deployerSecrets().get(secret);
                if (keys == null) {
                    violations.add(name + ": reads Secret " + secret + ", which docs/kubernetes.md does not tell the"
                            + " deployer to create");
                } else {
                    String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                    keys.forEach(key -> fromSecrets.add(prefix + key));
                }
            }
        }
        for (EnvVar env : listOf(container.getEnv())) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                var ref = env.getValueFrom().getSecretKeyRef();
                Set<String> keys = repository.deployerSecrets().getOrDefault(ref.getName(), Set.of());
                if (keys.contains(ref.getKey())) {
                    fromSecrets.add(env.getName());
                } else {
                    violations.add(name + ": " + env.getName() + " comes from key " + ref.getKey() + " of Secret "
                            + ref.getName() + ", which docs/kubernetes.md does not tell the deployer to create");
                }
            }
        }
        for (Volume volume : listOf(pod.getVolumes())) {
            if (volume.getSecret() != null
                    && !repository
                            .deployerSecrets()
                            .containsKey(volume.getSecret().getSecretName())) {
                violations.add(name + ": mounts Secret " + volume.getSecret().getSecretName() + ", which"
                        + " docs/kubernetes.md does not tell the deployer to create");
            }
        }
        values.keySet().stream()
                .filter(variable -> !repository.reads(name, variable))
                .sorted()
                .forEach(variable -> violations.add(
                        name + ": " + variable + " is set, but the service reads no such" + " variable"));
        read.forEach((variable, defaultValue) -> {
            String value = values.get(variable);
            boolean developmentDefault =
                    defaultValue.map(repository::isDevelopmentValue).orElse(true);
            if (value != null && !value.isBlank() && repository.isDevelopmentValue(value)) {
                violations.add(name + ": " + variable + " is set to a development value");
            }
            if (!developmentDefault || (value != null && !value.isBlank()) || fromSecrets.contains(variable)) {
                return;
            }
            violations.add(name + ": " + variable + " has neither a value here nor a key in a Secret that"
                    + " docs/kubernetes.md tells the deployer to create, so the service would start with "
                    + defaultValue.map(ignored -> "its development default").orElse("no value"));
        });
    }

    /**
     * The database is reached over TLS that checks its certificate and host name ({@code sslmode=verify-full}),
     * against a CA from a read-only mount; a CA from a Secret is that one key alone (CloudNativePG's CA Secret also
     * holds the CA's private key).
     */
    private void checkDatabaseTls(String name, PodSpec pod, Container container) {
        overlay.environmentOf(container).forEach((variable, url) -> {
            if (!DATABASE_URL.matcher(variable).matches()) {
                return;
            }
            if (!url.matches(".*[?&]sslmode=verify-full(&.*)?")) {
                violations.add(name + ": " + variable + " does not verify the database's certificate and name"
                        + " (sslmode=verify-full)");
                return;
            }
            Matcher rootCertificate = SSL_ROOT_CERT.matcher(url);
            if (!rootCertificate.find()) {
                violations.add(name + ": " + variable + " names no CA to verify the database with (sslrootcert)");
                return;
            }
            String path = rootCertificate.group(1);
            Optional<VolumeMount> mount = mountOf(container, path);
            Optional<Volume> volume = mount.flatMap(found -> volumeOf(pod, found));
            if (volume.isEmpty()
                    || (volume.get().getSecret() == null && volume.get().getConfigMap() == null)
                    || !Boolean.TRUE.equals(mount.get().getReadOnly())) {
                violations.add(name + ": " + variable + " names sslrootcert=" + path + ", which is on no read-only"
                        + " mount of a Secret or ConfigMap");
                return;
            }
            if (volume.get().getSecret() != null) {
                String file = path.substring(
                        mount.get().getMountPath().replaceAll("/+$", "").length() + 1);
                List<KeyToPath> items = listOf(volume.get().getSecret().getItems());
                if (items.size() != 1 || !items.get(0).getPath().equals(file)) {
                    violations.add(name + ": mounts more of Secret "
                            + volume.get().getSecret().getSecretName() + " than the database's CA " + file);
                }
            }
        });
    }

    /** A Service that calls a port plaintext HTTP/2 when the pods behind it speak TLS on it. */
    private void checkServicePorts() {
        for (Service service : overlay.all(Service.class)) {
            for (ServicePort port : listOf(service.getSpec().getPorts())) {
                if (!H2C.equals(port.getAppProtocol())) {
                    continue;
                }
                boolean tls = overlay.all(Deployment.class).stream()
                        .filter(deployment -> selects(
                                service.getSpec().getSelector(),
                                deployment.getSpec().getTemplate().getMetadata().getLabels()))
                        .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
                        .anyMatch(container -> grpcTlsOn(overlay.environmentOf(container)));
                if (tls) {
                    violations.add("Service " + service.getMetadata().getName() + " declares " + H2C + " (plaintext"
                            + " HTTP/2) on port " + port.getName() + ", which speaks TLS");
                }
            }
        }
    }

    private static Optional<VolumeMount> mountOf(Container container, String path) {
        return listOf(container.getVolumeMounts()).stream()
                .filter(candidate -> path.startsWith(candidate.getMountPath().replaceAll("/+$", "") + "/"))
                .max(Comparator.comparingInt(
                        candidate -> candidate.getMountPath().length()));
    }

    private static Optional<Volume> volumeOf(PodSpec pod, VolumeMount mount) {
        return listOf(pod.getVolumes()).stream()
                .filter(candidate -> candidate.getName().equals(mount.getName()))
                .findFirst();
    }

    /**
     * What GrpcTlsSettings and DevelopmentMode check at start, checked before a pod exists: TLS off only in the dev
     * profile; TLS on with each of its three files set, on a read-only mount of a Secret volume, under the key a
     * kubernetes.io/tls Secret gives it.
     */
    private void checkGrpcTls(String where, PodSpec pod, Container container) {
        Map<String, String> environment = overlay.environmentOf(container);
        if (!grpcTlsOn(environment)) {
            if (!environment.getOrDefault("SPRING_PROFILES_ACTIVE", "").contains("dev")) {
                violations.add(where + ": turns gRPC TLS off outside the dev profile, so the service refuses to start");
            }
            return;
        }
        TLS_FILES.forEach((variable, key) -> {
            String path = environment.get(variable);
            if (path == null || path.isBlank()) {
                violations.add(where + ": gRPC TLS is on but " + variable + " is not set, so the service refuses"
                        + " to start");
                return;
            }
            Optional<VolumeMount> mount = mountOf(container, path);
            Optional<Volume> volume = mount.flatMap(found -> volumeOf(pod, found));
            if (volume.isEmpty() || volume.get().getSecret() == null) {
                violations.add(where + ": " + variable + "=" + path + " is on no mounted Secret volume");
                return;
            }
            if (!Boolean.TRUE.equals(mount.get().getReadOnly())) {
                violations.add(where + ": mounts its gRPC TLS Secret "
                        + volume.get().getSecret().getSecretName() + " writable");
            }
            String file = path.substring(
                    mount.get().getMountPath().replaceAll("/+$", "").length() + 1);
            List<KeyToPath> items = listOf(volume.get().getSecret().getItems());
            Optional<String> secretKey = items.isEmpty()
                    ? Optional.of(file)
                    : items.stream()
                            .filter(item -> item.getPath().equals(file))
                            .map(KeyToPath::getKey)
                            .findFirst();
            if (!secretKey.equals(Optional.of(key))) {
                violations.add(where + ": " + variable + "=" + path + " is not the key " + key + " of Secret "
                        + volume.get().getSecret().getSecretName());
            }
        });
    }

    // GrpcTlsSettings: on unless the property converts to false; not set or empty is the default, on.
    private static boolean grpcTlsOn(Map<String, String> environment) {
        String value = environment.get(TLS_ENABLED);
        return value == null || !FALSE.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean targets(Service service, PodSpec pod, String portName) {
        Container container = pod.getContainers().get(0);
        Optional<Integer> wanted = NetworkPolicyRules.portNumber(container, portName);
        return wanted.isPresent()
                && service.getSpec().getPorts().stream()
                        .map(ServicePort::getTargetPort)
                        .anyMatch(target ->
                                NetworkPolicyRules.resolve(container, target).equals(wanted));
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return Labels.selects(selector, labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && selector.entrySet().stream()
                        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    private static Integer intOf(IntOrString value) {
        if (value == null) {
            return null;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        return value.getStrVal().equals("0%") ? 0 : null;
    }

    private static Duration durationOf(ConfigMap settings, String key) {
        String value = settings.getData().get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher duration = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.trim());
        if (!duration.matches()) {
            throw new IllegalArgumentException(key + "=" + value + " is not a duration such as 5s");
        }
        long amount = Long.parseLong(duration.group(1));
        return switch (duration.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
