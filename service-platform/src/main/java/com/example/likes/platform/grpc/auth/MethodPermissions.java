package com.example.likes.platform.grpc.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which methods a caller may use: {@code package.Service/Method}, or {@code package.Service/*} for every method of
 * a service. A caller without an entry may use none (health and reflection need no key, so no permission).
 */
final class MethodPermissions {

    private final Map<String, Set<String>> allowed;

    MethodPermissions(Map<String, List<String>> allowed) {
        this.allowed = allowed.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        entry -> entry.getValue().stream().map(String::strip).collect(Collectors.toSet())));
    }

    /** Whether {@code caller} may call {@code fullMethodName} ({@code package.Service/Method}). */
    boolean allows(String caller, String fullMethodName) {
        Set<String> methods = allowed.get(caller);
        if (methods == null) {
            return false;
        }
        String service = fullMethodName.substring(0, fullMethodName.lastIndexOf('/'));
        return methods.contains(fullMethodName) || methods.contains(service + "/*");
    }

    Set<String> callers() {
        return allowed.keySet();
    }
}
