package com.example.likes.platform.web.auth;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The person a REST request's bearer token speaks for: its issuer and subject, and the permissions the token carries.
 *
 * <p>{@link #id()} is the dashboard's user id of that person: a name-based UUID of the issuer and the subject, which
 * every service computes alike from the token alone, so that no service asks another who a caller is. The same
 * person at another issuer is another user.
 *
 * @param id the user id that stands for this person in every service
 * @param issuer the token's {@code iss}
 * @param subject the token's {@code sub}
 * @param authorities what the token allows, as Spring Security's authorities ({@code SCOPE_products:write} ...)
 */
public record EndUser(UUID id, String issuer, String subject, Set<String> authorities) {

    /** The caller of a request that Spring Security authenticated with a bearer JWT. */
    public static EndUser of(JwtAuthenticationToken authentication) {
        Jwt token = authentication.getToken();
        String issuer = token.getIssuer() == null ? "" : token.getIssuer().toString();
        return new EndUser(
                idOf(issuer, token.getSubject()),
                issuer,
                token.getSubject(),
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The user id of {@code subject} at {@code issuer}: a version 3 (name-based) UUID of both. An issuer is a URL,
     * which holds no line break, so no two pairs share a name.
     */
    public static UUID idOf(String issuer, String subject) {
        return UUID.nameUUIDFromBytes((issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the token carries {@code scope} (as a scope, or as a role the deployment maps to one). */
    public boolean hasScope(String scope) {
        return authorities.contains(EndUserSecurityAutoConfiguration.SCOPE_PREFIX + scope);
    }
}
