package com.example.likes.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Whether a label selector selects a set of labels, as Kubernetes decides it (matchLabels and matchExpressions). */
final class Labels {

    private Labels() {}

    /** A missing or empty selector selects nothing here: the rules want every selector to say what it means. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || isEmpty(selector) || labels == null) {
            return false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        boolean byLabels = matchLabels.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return byLabels && expressions.stream().allMatch(expression -> matches(expression, labels));
    }

    /** Whether the selector selects all pods (of its namespace, or all namespaces). */
    static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty());
    }

    /** The namespace a namespace selector names by Kubernetes' own label, if that is how it selects. */
    static String namespaceNamed(LabelSelector selector) {
        return selector == null || selector.getMatchLabels() == null
                ? null
                : selector.getMatchLabels().get("kubernetes.io/metadata.name");
    }

    private static boolean matches(LabelSelectorRequirement expression, Map<String, String> labels) {
        String value = labels.get(expression.getKey());
        List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
        return switch (expression.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + expression.getOperator());
        };
    }
}
