package com.example.likes.platform.grpc.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.grpc.server.security.CallContext;
import org.springframework.grpc.server.security.RequestMapperConfigurer;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The methods each caller may call ({@code platform.grpc.auth.permissions}), as Spring gRPC's method rules. A grant
 * names one method ({@code package.Service/Method}) or every method of a service ({@code package.Service/*}) and is an
 * authority of its caller. A method is open to the callers holding a grant that covers it, the public services
 * (health, reflection) to anyone, and nothing else to anybody.
 */
final class MethodGrants {

    private static final String EVERY_METHOD = "/*";
    private static final Pattern GRANT =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*/(\\*|[A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, List<GrantedAuthority>> authorities = new LinkedHashMap<>();
    private final TreeSet<String> grants = new TreeSet<>();

    /** @throws IllegalStateException naming the caller and the grant when a grant has neither form */
    MethodGrants(Map<String, List<String>> permissions) {
        permissions.forEach((caller, methods) -> {
            List<GrantedAuthority> granted = new ArrayList<>();
            for (String method : methods) {
                String grant = method.strip();
                if (!GRANT.matcher(grant).matches()) {
                    throw new IllegalStateException(
                            "platform.grpc.auth.permissions.%s: '%s' is neither".formatted(caller, grant)
                                    + " package.Service/Method nor package.Service/*");
                }
                granted.add(new SimpleGrantedAuthority(grant));
                grants.add(grant);
            }
            authorities.put(caller, List.copyOf(granted));
        });
    }

    /** The authorities of {@code caller}: its grants, none for a caller without an entry. */
    List<GrantedAuthority> authoritiesOf(String caller) {
        return authorities.getOrDefault(caller, List.of());
    }

    /**
     * The rules, in the order Spring gRPC tries them (the first whose methods match decides): the public services,
     * each granted method (open to holders of its grant or of its service's), each granted service, then a refusal of
     * everything else. A refusal names the caller and the method; Spring gRPC's own would say only "not allowed".
     */
    void authorize(RequestMapperConfigurer requests, List<String> publicServices) {
        publicServices.forEach(
                service -> requests.methods(service + EVERY_METHOD).permitAll());
        for (String grant : grants) {
            if (!grant.endsWith(EVERY_METHOD)) {
                String service = grant.substring(0, grant.lastIndexOf('/'));
                requests.methods(grant)
                        .access(namingTheRefusal(
                                AuthorityAuthorizationManager.hasAnyAuthority(grant, service + EVERY_METHOD)));
            }
        }
        for (String grant : grants) {
            if (grant.endsWith(EVERY_METHOD)) {
                requests.methods(grant).access(namingTheRefusal(AuthorityAuthorizationManager.hasAuthority(grant)));
            }
        }
        requests.allRequests().access(namingTheRefusal((caller, call) -> new AuthorizationDecision(false)));
    }

    private static AuthorizationManager<Object> namingTheRefusal(AuthorizationManager<Object> rule) {
        return (caller, call) -> {
            AuthorizationResult result = rule.authorize(caller, call);
            if (result != null && !result.isGranted()) {
                String method = call instanceof CallContext context
                        ? context.method().getFullMethodName()
                        : String.valueOf(call);
                throw new AuthorizationDeniedException(
                        "%s may not call %s".formatted(caller.get().getName(), method), result);
            }
            return result;
        };
    }
}
