package com.example.likes.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
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

    private final RenderedOverlay overlay;
    private final List<String> violations = new ArrayList<>();

    private ManifestRules(RenderedOverlay overlay) {
        this.overlay = overlay;
    }

    /**
     * What any overlay must keep: probes, limits, a locked-down container, the Services, budget and policies, and
     * gRPC TLS as the service accepts it at start (off only in the dev profile; on with its three files from a
     * read-only Secret mount).
     */
    static List<String> everyOverlay(RenderedOverlay overlay) {
        ManifestRules rules = new ManifestRules(overlay);
        rules.checkEveryDeployment();
        return List.copyOf(rules.violations);
    }

    /**
     * What production adds: at least two pods at all times, pinned image versions, gRPC mutual TLS on, and no
     * secret value: neither a Secret (the TLS certificates' included) nor a secret variable in a ConfigMap, nor any
     * development key or password of {@code .env.example}.
     *
     * @param developmentSecrets the values of {@code .env.example}'s secret variables
     */
    static List<String> production(RenderedOverlay overlay, Set<String> developmentSecrets) {
        ManifestRules rules = new ManifestRules(overlay);
        rules.checkEveryDeployment();
        rules.checkProduction(developmentSecrets);
        return List.copyOf(rules.violations);
    }

    /** The names of {@code .env.example}'s variables that hold secrets: passwords, API keys, caller keys. */
    static boolean isSecretVariable(String name) {
        return SECRET_VARIABLE.matcher(name).matches();
    }

    private void checkEveryDeployment() {
        List<Deployment> deployments = overlay.all(Deployment.class);
        if (deployments.isEmpty()) {
            violations.add("no Deployment at all");
        }
        for (Deployment deployment : deployments) {
            checkDeployment(deployment);
        }
        if (overlay.all(NetworkPolicy.class).stream().noneMatch(ManifestRules::deniesAllIngress)) {
            violations.add("no NetworkPolicy that denies all ingress the others do not allow");
        }
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
        Optional<ConfigMap> settings = settingsOf(pod);
        if (settings.isEmpty()) {
            violations.add(name + ": takes its settings from no ConfigMap of this overlay");
        } else {
            checkShutdown(name, pod, settings.get());
            checkClient(name, settings.get());
        }
        checkServices(name, podLabels, pod);
        checkDisruptionBudget(name, podLabels);
        checkAutoscaler(name);
        checkGrpcIsReachableOnlyByTheOtherServices(name, podLabels, pod);
    }

    private void checkContainer(String deployment, PodSpec pod, Container container) {
        String where = deployment + "/" + container.getName();
        Optional<Integer> management = portNumber(container, "management");
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
        Optional<Integer> port = resolve(container, probe.getHttpGet().getPort());
        if (port.isEmpty() || !port.equals(portNumber(container, "management"))) {
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
        List<String> targets = data.keySet().stream()
                .filter(key -> CLIENT_TARGET.matcher(key).matches())
                .toList();
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

    private void checkGrpcIsReachableOnlyByTheOtherServices(String name, Map<String, String> podLabels, PodSpec pod) {
        Container container = pod.getContainers().get(0);
        Optional<Integer> grpc = portNumber(container, "grpc");
        if (grpc.isEmpty()) {
            violations.add(name + ": no port named grpc");
            return;
        }
        List<NetworkPolicy> policies = overlay.all(NetworkPolicy.class).stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), podLabels))
                .filter(policy -> policy.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        if (policies.isEmpty()) {
            violations.add(name + ": no NetworkPolicy selects its pods, so anyone reaches every port");
            return;
        }
        boolean someoneMayCall = false;
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : nullToEmpty(policy.getSpec().getIngress())) {
                if (!covers(rule, container, grpc.get())) {
                    continue;
                }
                List<NetworkPolicyPeer> from = nullToEmpty(rule.getFrom());
                if (from.isEmpty()) {
                    violations.add(name + ": NetworkPolicy "
                            + policy.getMetadata().getName() + " lets anyone reach its gRPC port");
                }
                for (NetworkPolicyPeer peer : from) {
                    if (peer.getIpBlock() != null
                            || peer.getNamespaceSelector() != null
                            || peer.getPodSelector() == null
                            || !selectsOnlyOtherServices(peer.getPodSelector(), name)) {
                        violations.add(
                                name + ": NetworkPolicy " + policy.getMetadata().getName()
                                        + " lets more than the other services reach its gRPC port");
                    } else {
                        someoneMayCall = true;
                    }
                }
            }
        }
        if (!someoneMayCall) {
            violations.add(name + ": no NetworkPolicy lets the service that calls it reach its gRPC port");
        }
    }

    private void checkProduction(Set<String> developmentSecrets) {
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
        for (String secret : developmentSecrets) {
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
                if (!grpcTlsOn(environmentOf(container))) {
                    violations.add(name + "/" + container.getName() + ": turns gRPC mutual TLS off (" + TLS_ENABLED
                            + "); production keeps it on");
                }
                for (EnvVar env : nullToEmpty(container.getEnv())) {
                    if (isSecretVariable(env.getName()) && env.getValue() != null) {
                        violations.add(name + ": " + env.getName() + " is written into the manifest");
                    }
                }
                boolean secretFromDeployer = nullToEmpty(container.getEnvFrom()).stream()
                        .map(EnvFromSource::getSecretRef)
                        .filter(Objects::nonNull)
                        .anyMatch(ref ->
                                overlay.named(Secret.class, ref.getName()).isEmpty());
                if (!secretFromDeployer) {
                    violations.add(name + ": reads no Secret that the deployer creates");
                }
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
     * What GrpcTlsSettings and DevelopmentMode check at start, checked before a pod exists: TLS off only in the dev
     * profile; TLS on with each of its three files set, on a read-only mount of a Secret volume, under the key a
     * kubernetes.io/tls Secret gives it.
     */
    private void checkGrpcTls(String where, PodSpec pod, Container container) {
        Map<String, String> environment = environmentOf(container);
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
            Optional<VolumeMount> mount = nullToEmpty(container.getVolumeMounts()).stream()
                    .filter(candidate ->
                            path.startsWith(candidate.getMountPath().replaceAll("/+$", "") + "/"))
                    .max(Comparator.comparingInt(
                            candidate -> candidate.getMountPath().length()));
            Optional<Volume> volume = mount.flatMap(found -> nullToEmpty(pod.getVolumes()).stream()
                    .filter(candidate -> candidate.getName().equals(found.getName()))
                    .findFirst());
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
            List<KeyToPath> items = nullToEmpty(volume.get().getSecret().getItems());
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

    /**
     * The variables the container starts with, as far as the overlay tells: its ConfigMaps and Secrets in the order
     * given, then its own {@code env} values, which win. Values from the deployer's Secrets are unknown.
     */
    private Map<String, String> environmentOf(Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : nullToEmpty(container.getEnvFrom())) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            if (source.getConfigMapRef() != null) {
                overlay.configMap(source.getConfigMapRef().getName())
                        .map(ConfigMap::getData)
                        .ifPresent(data -> data.forEach((key, value) -> environment.put(prefix + key, value)));
            }
            if (source.getSecretRef() != null) {
                overlay.named(Secret.class, source.getSecretRef().getName()).ifPresent(secret -> {
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
        for (EnvVar env : nullToEmpty(container.getEnv())) {
            if (env.getValue() != null) {
                environment.put(env.getName(), env.getValue());
            } else {
                environment.remove(env.getName());
            }
        }
        return environment;
    }

    // GrpcTlsSettings: on unless the property converts to false; not set or empty is the default, on.
    private static boolean grpcTlsOn(Map<String, String> environment) {
        String value = environment.get(TLS_ENABLED);
        return value == null || !FALSE.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private Optional<ConfigMap> settingsOf(PodSpec pod) {
        return pod.getContainers().stream()
                .flatMap(container -> nullToEmpty(container.getEnvFrom()).stream())
                .map(EnvFromSource::getConfigMapRef)
                .filter(Objects::nonNull)
                .map(ref -> overlay.configMap(ref.getName()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private boolean selectsOnlyOtherServices(LabelSelector selector, String self) {
        if (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return false;
        }
        List<Deployment> selected = overlay.all(Deployment.class).stream()
                .filter(deployment -> selects(
                        selector,
                        deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .toList();
        return !selected.isEmpty()
                && selected.stream()
                        .noneMatch(
                                deployment -> deployment.getMetadata().getName().equals(self));
    }

    private static boolean deniesAllIngress(NetworkPolicy policy) {
        return policy.getSpec().getPolicyTypes().contains("Ingress")
                && nullToEmpty(policy.getSpec().getIngress()).isEmpty();
    }

    private static boolean covers(NetworkPolicyIngressRule rule, Container container, int port) {
        List<NetworkPolicyPort> ports = nullToEmpty(rule.getPorts());
        return ports.isEmpty()
                || ports.stream()
                        .anyMatch(candidate -> candidate.getPort() == null
                                || resolve(container, candidate.getPort()).equals(Optional.of(port)));
    }

    private static boolean targets(Service service, PodSpec pod, String portName) {
        Container container = pod.getContainers().get(0);
        Optional<Integer> wanted = portNumber(container, portName);
        return wanted.isPresent()
                && service.getSpec().getPorts().stream()
                        .map(ServicePort::getTargetPort)
                        .anyMatch(target -> resolve(container, target).equals(wanted));
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selects(selector.getMatchLabels(), labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && selector.entrySet().stream()
                        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    private static Optional<Integer> portNumber(Container container, String name) {
        return nullToEmpty(container.getPorts()).stream()
                .filter(port -> name.equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    private static Optional<Integer> resolve(Container container, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return port.getIntVal() != null ? Optional.of(port.getIntVal()) : portNumber(container, port.getStrVal());
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

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
