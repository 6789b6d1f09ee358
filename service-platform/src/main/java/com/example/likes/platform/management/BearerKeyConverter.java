package com.example.likes.platform.management;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <key>} as the operator's key. Spring Security's own bearer support belongs to
 * the OAuth2 resource server (tokens from an issuer); an operator's key is a plain shared secret.
 */
final class BearerKeyConverter implements AuthenticationConverter {

    private static final String PREFIX = "bearer ";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        return UsernamePasswordAuthenticationToken.unauthenticated(
                OperatorAuthenticationProvider.USER,
                header.substring(PREFIX.length()).strip());
    }
}
