package com.example.likes.kubernetes;

import static com.example.likes.kubernetes.RenderedOverlay.listOf;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NetworkPolicies of an overlay, as a list of violations: everything is denied both ways unless a policy allows
 * it; a service's REST port admits only a namespace named for it (the ingress controller's), its gRPC port only the
 * services that call it, its management port only a namespace named for it (Prometheus'); and a service reaches DNS,
 * its own database, the gRPC port of each service it calls, the telemetry collector and the OAuth2 issuer, and
 * nothing else: not another database, not the cloud's metadata endpoint, not the internet. Each database has a policy
 * that admits its service; in production, its service alone.
 */
final class NetworkPolicyRules {

    /** The cloud providers' metadata endpoint, which hands out the node's credentials to whoever asks. */
    private static final long METADATA_ADDRESS = ipv4("169.254.169.254");

    private static final Pattern DNS_TARGET = Pattern.compile("dns:///([a-z0-9-]+):(\\d+)");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/.*");
    private static final String KUBE_SYSTEM = "kube-system";
    private static final Set<Integer> OTLP_PORTS = Set.of(4317, 4318);
    private static final String COLLECTOR = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    // Where a service fetches the OAuth2 issuer's keys: the JWKS address, or else the issuer's discovery.
    private static final List<String> ISSUER = List.of("PLATFORM_OAUTH2_JWK_SET_URI", "PLATFORM_OAUTH2_ISSUER_URI");

    private final RenderedOverlay overlay;
    private final boolean production;
    private final List<String> violations = new ArrayList<>();

    private NetworkPolicyRules(RenderedOverlay overlay, boolean production) {
        this.overlay = overlay;
        this.production = production;
    }

    static List<String> check(RenderedOverlay overlay, boolean production) {
        NetworkPolicyRules rules = new NetworkPolicyRules(overlay, production);
        rules.checkDefaultDeny();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            rules.checkService(deployment);
        }
        return List.copyOf(rules.violations);
    }

    private void checkDefaultDeny() {
        boolean denies = overlay.all(NetworkPolicy.class).stream()
                .anyMatch(policy -> policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && listOf(policy.getSpec().getIngress()).isEmpty()
                        && listOf(policy.getSpec().getEgress()).isEmpty()
                        && overlay.all(Deployment.class).stream()
                                .allMatch(deployment ->
                                        Labels.selects(policy.getSpec().getPodSelector(), podLabels(deployment))));
        if (!denies) {
            violations.add("no NetworkPolicy denies every pod all ingress and egress that the others do not allow");
        }
    }

    private void checkService(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        checkIngress(name, deployment, container, "http", "its REST port", "the ingress namespace");
        checkIngress(name, deployment, container, "management", "its management port", "the monitoring namespace");
        checkGrpcIngress(name, deployment, container);
        checkEgress(name, deployment, overlay.environmentOf(container));
    }

    /** A port that only namespaces named by Kubernetes' own label may reach (the ingress's, Prometheus'). */
    private void checkIngress(
            String name, Deployment deployment, Container container, String portName, String what, String whom) {
        Optional<Integer> port = portNumber(container, portName);
        if (port.isEmpty()) {
            violations.add(name + ": no port named " + portName);
            return;
        }
        boolean someoneMay = false;
        for (Rule<NetworkPolicyIngressRule> rule : ingressRules(deployment)) {
            if (!covers(rule.rule().getPorts(), container, port.get())) {
                continue;
            }
            List<NetworkPolicyPeer> from = listOf(rule.rule().getFrom());
            boolean onlyNamedNamespaces = !from.isEmpty()
                    && from.stream()
                            .allMatch(peer -> peer.getIpBlock() == null
                                    && Labels.namespaceNamed(peer.getNamespaceSelector()) != null);
            if (onlyNamedNamespaces) {
                someoneMay = true;
            } else {
                violations.add(
                        name + ": NetworkPolicy " + rule.policy() + " lets more than " + whom + " reach " + what);
            }
        }
        if (!someoneMay) {
            violations.add(name + ": no NetworkPolicy lets " + whom + " reach " + what);
        }
    }

    private void checkGrpcIngress(String name, Deployment deployment, Container container) {
        Optional<Integer> grpc = portNumber(container, "grpc");
        if (grpc.isEmpty()) {
            violations.add(name + ": no port named grpc");
            return;
        }
        boolean someoneMayCall = false;
        for (Rule<NetworkPolicyIngressRule> rule : ingressRules(deployment)) {
            if (!covers(rule.rule().getPorts(), container, grpc.get())) {
                continue;
            }
            List<NetworkPolicyPeer> from = listOf(rule.rule().getFrom());
            if (from.isEmpty()) {
                violations.add(name + ": NetworkPolicy " + rule.policy() + " lets anyone reach its gRPC port");
            }
            for (NetworkPolicyPeer peer : from) {
                if (peer.getIpBlock() != null
                        || peer.getNamespaceSelector() != null
                        || peer.getPodSelector() == null
                        || !selectsOnlyOtherServices(peer.getPodSelector(), name)) {
                    violations.add(name + ": NetworkPolicy " + rule.policy()
                            + " lets more than the other services reach its gRPC port");
                } else {
                    someoneMayCall = true;
                }
            }
        }
        if (!someoneMayCall) {
            violations.add(name + ": no NetworkPolicy lets the service that calls it reach its gRPC port");
        }
    }

    private void checkEgress(String name, Deployment deployment, Map<String, String> environment) {
        List<Rule<NetworkPolicyEgressRule>> rules = egressRules(deployment);
        if (overlay.all(NetworkPolicy.class).stream()
                .noneMatch(policy -> policy.getSpec().getPolicyTypes().contains("Egress")
                        && Labels.selects(policy.getSpec().getPodSelector(), podLabels(deployment)))) {
            violations.add(name + ": no NetworkPolicy limits what it may reach");
            return;
        }
        Destinations destinations = destinationsOf(name, environment);
        Set<String> reached = new LinkedHashSet<>();
        for (Rule<NetworkPolicyEgressRule> rule : rules) {
            List<NetworkPolicyPeer> to = listOf(rule.rule().getTo());
            List<NetworkPolicyPort> ports = listOf(rule.rule().getPorts());
            if (to.isEmpty()) {
                violations.add(name + ": NetworkPolicy " + rule.policy() + " lets it reach any address");
                continue;
            }
            if (ports.isEmpty()) {
                violations.add(name + ": NetworkPolicy " + rule.policy() + " lets it reach every port");
                continue;
            }
            to.stream()
                    .map(NetworkPolicyPeer::getIpBlock)
                    .filter(block -> block != null)
                    .forEach(block -> {
                        if (reachesEverywhereOrTheMetadataEndpoint(block)) {
                            violations.add(name + ": NetworkPolicy " + rule.policy() + " lets it reach "
                                    + block.getCidr() + ", the whole internet or the cloud's metadata endpoint");
                        }
                    });
            Optional<String> destination = destinations.classify(name, rule.rule());
            if (destination.isEmpty()) {
                violations.add(name + ": NetworkPolicy " + rule.policy() + " lets it reach " + describe(rule.rule())
                        + ", which is none of DNS, its database, a service it calls, the telemetry collector and the"
                        + " OAuth2 issuer");
            } else {
                reached.add(destination.get());
            }
        }
        for (String needed : destinations.needed()) {
            if (!reached.contains(needed)) {
                violations.add(name + ": no NetworkPolicy lets it reach " + needed);
            }
        }
    }

    /** Where a service must and may connect to, from its settings. */
    private Destinations destinationsOf(String name, Map<String, String> environment) {
        Map<String, Integer> callees = new java.util.LinkedHashMap<>();
        Optional<Integer> database = Optional.empty();
        for (Map.Entry<String, String> setting : environment.entrySet()) {
            Matcher target = DNS_TARGET.matcher(setting.getValue());
            if (ManifestRules.isClientTarget(setting.getKey()) && target.matches()) {
                overlay.named(Service.class, target.group(1))
                        .ifPresent(service -> callee(service)
                                .ifPresent(callee -> callees.put(callee, Integer.parseInt(target.group(2)))));
            }
            Matcher jdbc = JDBC_URL.matcher(setting.getValue());
            if (setting.getKey().endsWith("_DB_URL") && jdbc.matches()) {
                database = Optional.of(jdbc.group(2) == null ? 5432 : Integer.parseInt(jdbc.group(2)));
            }
        }
        Optional<Integer> collector = portOf(environment.get(COLLECTOR));
        Optional<Integer> issuer = ISSUER.stream()
                .map(environment::get)
                .map(NetworkPolicyRules::portOf)
                .flatMap(Optional::stream)
                .findFirst();
        return new Destinations(callees, database, collector, issuer);
    }

    private final class Destinations {

        private final Map<String, Integer> callees;
        private final Optional<Integer> database;
        private final Optional<Integer> collector;
        private final Optional<Integer> issuer;

        Destinations(
                Map<String, Integer> callees,
                Optional<Integer> database,
                Optional<Integer> collector,
                Optional<Integer> issuer) {
            this.callees = callees;
            this.database = database;
            this.collector = collector;
            this.issuer = issuer;
        }

        List<String> needed() {
            List<String> needed = new ArrayList<>(List.of("DNS"));
            callees.keySet().forEach(callee -> needed.add("the gRPC port of " + callee));
            database.ifPresent(port -> needed.add("its database"));
            collector.ifPresent(port -> needed.add("the telemetry collector"));
            issuer.ifPresent(port -> needed.add("the OAuth2 issuer"));
            return needed;
        }

        Optional<String> classify(String service, NetworkPolicyEgressRule rule) {
            List<NetworkPolicyPeer> to = listOf(rule.getTo());
            Set<Integer> ports = new LinkedHashSet<>();
            for (NetworkPolicyPort port : listOf(rule.getPorts())) {
                if (port.getPort() == null
                        || port.getEndPort() != null
                        || port.getPort().getIntVal() == null) {
                    Optional<String> named = namedCallee(to, port);
                    if (named.isEmpty()) {
                        return Optional.empty();
                    }
                    ports.add(callees.get(named.get()));
                } else {
                    ports.add(port.getPort().getIntVal());
                }
            }
            if (ports.equals(Set.of(53))
                    && to.stream()
                            .allMatch(peer -> KUBE_SYSTEM.equals(Labels.namespaceNamed(peer.getNamespaceSelector())))) {
                return Optional.of("DNS");
            }
            Optional<String> callee = onlyPodsOf(to);
            if (callee.isPresent()
                    && callees.containsKey(callee.get())
                    && ports.equals(Set.of(callees.get(callee.get())))) {
                return Optional.of("the gRPC port of " + callee.get());
            }
            if (database.isPresent()
                    && ports.equals(Set.of(database.get()))
                    && isDatabaseOf(service, to, database.get())) {
                return Optional.of("its database");
            }
            boolean bySelectors = to.stream().allMatch(peer -> peer.getIpBlock() == null);
            if (bySelectors
                    && OTLP_PORTS.containsAll(ports)
                    && collector.map(ports::contains).orElse(true)) {
                return Optional.of("the telemetry collector");
            }
            if (issuer.isPresent() && ports.equals(Set.of(issuer.get()))) {
                return Optional.of("the OAuth2 issuer");
            }
            return Optional.empty();
        }

        /** A named port in a rule names a port of the pods it reaches: only a callee's "grpc" is known here. */
        private Optional<String> namedCallee(List<NetworkPolicyPeer> to, NetworkPolicyPort port) {
            if (port.getPort() == null
                    || port.getPort().getStrVal() == null
                    || !"grpc".equals(port.getPort().getStrVal())) {
                return Optional.empty();
            }
            return onlyPodsOf(to).filter(callees::containsKey);
        }
    }

    /**
     * Whether the peers are the pods of a database this service may reach: no pod of ours, and a policy selecting them
     * that admits this service on the port (in production, this service alone of ours); or an address outside the
     * cluster (a managed database).
     */
    private boolean isDatabaseOf(String service, List<NetworkPolicyPeer> to, int port) {
        for (NetworkPolicyPeer peer : to) {
            if (peer.getIpBlock() != null) {
                continue;
            }
            if (peer.getNamespaceSelector() != null
                    || peer.getPodSelector() == null
                    || Labels.isEmpty(peer.getPodSelector())) {
                return false;
            }
            Map<String, String> databaseLabels = peer.getPodSelector().getMatchLabels();
            if (databaseLabels == null || selectsAnyDeployment(peer.getPodSelector())) {
                return false;
            }
            boolean admitted = false;
            for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
                if (!policy.getSpec().getPolicyTypes().contains("Ingress")
                        || !Labels.selects(policy.getSpec().getPodSelector(), databaseLabels)) {
                    continue;
                }
                for (NetworkPolicyIngressRule rule : listOf(policy.getSpec().getIngress())) {
                    if (!listOf(rule.getPorts()).isEmpty()
                            && listOf(rule.getPorts()).stream()
                                    .noneMatch(candidate -> candidate.getPort() != null
                                            && Integer.valueOf(port)
                                                    .equals(candidate.getPort().getIntVal()))) {
                        continue;
                    }
                    List<NetworkPolicyPeer> from = listOf(rule.getFrom());
                    if (from.isEmpty()) {
                        violations.add("NetworkPolicy " + policy.getMetadata().getName()
                                + " lets anyone reach the database of " + service);
                    }
                    for (NetworkPolicyPeer source : from) {
                        for (Deployment deployment : overlay.all(Deployment.class)) {
                            if (source.getNamespaceSelector() == null
                                    && Labels.selects(source.getPodSelector(), podLabels(deployment))) {
                                if (deployment.getMetadata().getName().equals(service)) {
                                    admitted = true;
                                } else if (production) {
                                    violations.add("NetworkPolicy "
                                            + policy.getMetadata().getName() + " lets "
                                            + deployment.getMetadata().getName() + " reach the database of " + service);
                                }
                            }
                        }
                    }
                }
            }
            if (!admitted) {
                violations.add(service + ": no NetworkPolicy of its database lets it in (a policy selecting "
                        + databaseLabels + ")");
            }
        }
        return true;
    }

    /** The one Deployment of ours that these peers select, when they are pods of this namespace and select one. */
    private Optional<String> onlyPodsOf(List<NetworkPolicyPeer> to) {
        Set<String> selected = new LinkedHashSet<>();
        for (NetworkPolicyPeer peer : to) {
            if (peer.getIpBlock() != null || peer.getNamespaceSelector() != null || peer.getPodSelector() == null) {
                return Optional.empty();
            }
            List<String> deployments = overlay.all(Deployment.class).stream()
                    .filter(deployment -> Labels.selects(peer.getPodSelector(), podLabels(deployment)))
                    .map(deployment -> deployment.getMetadata().getName())
                    .toList();
            if (deployments.size() != 1) {
                return Optional.empty();
            }
            selected.addAll(deployments);
        }
        return selected.size() == 1 ? Optional.of(selected.iterator().next()) : Optional.empty();
    }

    /** The Deployment a Service's selector selects, when it is one of ours. */
    private Optional<String> callee(Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        return overlay.all(Deployment.class).stream()
                .filter(deployment -> selector != null
                        && !selector.isEmpty()
                        && selector.entrySet().stream()
                                .allMatch(entry -> entry.getValue()
                                        .equals(podLabels(deployment).get(entry.getKey()))))
                .map(deployment -> deployment.getMetadata().getName())
                .findFirst();
    }

    private boolean selectsAnyDeployment(LabelSelector selector) {
        return overlay.all(Deployment.class).stream()
                .anyMatch(deployment -> Labels.selects(selector, podLabels(deployment)));
    }

    private boolean selectsOnlyOtherServices(LabelSelector selector, String self) {
        List<String> selected = overlay.all(Deployment.class).stream()
                .filter(deployment -> Labels.selects(selector, podLabels(deployment)))
                .map(deployment -> deployment.getMetadata().getName())
                .toList();
        return !selected.isEmpty() && !selected.contains(self);
    }

    private List<Rule<NetworkPolicyIngressRule>> ingressRules(Deployment deployment) {
        List<Rule<NetworkPolicyIngressRule>> rules = new ArrayList<>();
        for (NetworkPolicy policy : policiesOf(deployment, "Ingress")) {
            listOf(policy.getSpec().getIngress())
                    .forEach(rule -> rules.add(new Rule<>(policy.getMetadata().getName(), rule)));
        }
        return rules;
    }

    private List<Rule<NetworkPolicyEgressRule>> egressRules(Deployment deployment) {
        List<Rule<NetworkPolicyEgressRule>> rules = new ArrayList<>();
        for (NetworkPolicy policy : policiesOf(deployment, "Egress")) {
            listOf(policy.getSpec().getEgress())
                    .forEach(rule -> rules.add(new Rule<>(policy.getMetadata().getName(), rule)));
        }
        return rules;
    }

    private List<NetworkPolicy> policiesOf(Deployment deployment, String type) {
        return overlay.all(NetworkPolicy.class).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains(type))
                .filter(policy -> Labels.selects(policy.getSpec().getPodSelector(), podLabels(deployment)))
                .toList();
    }

    private record Rule<T>(String policy, T rule) {}

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static String describe(NetworkPolicyEgressRule rule) {
        List<String> ports = listOf(rule.getPorts()).stream()
                .map(port -> String.valueOf(
                        port.getPort() == null ? "any" : port.getPort().getValue()))
                .toList();
        return "port " + String.join(", ", ports) + " of "
                + listOf(rule.getTo()).size() + " peer(s)";
    }

    private static Optional<Integer> portOf(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.strip());
        if (uri.getPort() > 0) {
            return Optional.of(uri.getPort());
        }
        return Optional.of("https".equals(uri.getScheme()) ? 443 : 80);
    }

    private static boolean reachesEverywhereOrTheMetadataEndpoint(IPBlock block) {
        String[] cidr = block.getCidr().split("/");
        int prefix = cidr.length > 1 ? Integer.parseInt(cidr[1]) : (cidr[0].contains(":") ? 128 : 32);
        if (prefix == 0) {
            return true;
        }
        if (cidr[0].contains(":")) {
            return false;
        }
        if (!contains(cidr[0], prefix, METADATA_ADDRESS)) {
            return false;
        }
        return listOf(block.getExcept()).stream().noneMatch(except -> {
            String[] excluded = except.split("/");
            return !excluded[0].contains(":")
                    && contains(
                            excluded[0], excluded.length > 1 ? Integer.parseInt(excluded[1]) : 32, METADATA_ADDRESS);
        });
    }

    private static boolean contains(String network, int prefix, long address) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (ipv4(network) & mask) == (address & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String part : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    static boolean covers(List<NetworkPolicyPort> ports, Container container, int port) {
        return listOf(ports).isEmpty()
                || listOf(ports).stream()
                        .anyMatch(candidate -> candidate.getPort() == null
                                || resolve(container, candidate.getPort()).equals(Optional.of(port)));
    }

    static Optional<Integer> portNumber(Container container, String name) {
        return listOf(container.getPorts()).stream()
                .filter(port -> name.equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    static Optional<Integer> resolve(Container container, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return port.getIntVal() != null ? Optional.of(port.getIntVal()) : portNumber(container, port.getStrVal());
    }
}
