package com.example.likes.platform.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * How the REST API refuses a request for want of a token or a permission, as problem+json that says what to do.
 * Spring Security's bearer-token handlers set the status and the {@code WWW-Authenticate} header (RFC 6750); this adds
 * the body.
 *
 * <ul>
 *   <li>No token where one is needed: 401, naming the issuer to get one from.
 *   <li>A token that fails validation (malformed, expired, another issuer or audience, a signature the issuer's keys do
 *       not verify): 401 with the reason.
 *   <li>A valid token without the permission: 403, naming the scope it lacks.
 *   <li>The issuer's keys cannot be fetched: 503 with {@code Retry-After}, since the token may well be good.
 * </ul>
 */
final class BearerTokenProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private final AuthenticationEntryPoint headers = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler deniedHeaders = new BearerTokenAccessDeniedHandler();
    private final String issuer;
    private final Duration retryAfter;

    BearerTokenProblems(String issuer, Duration retryAfter) {
        this.issuer = issuer;
        this.retryAfter = retryAfter;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        headers.commence(request, response, e);
        String detail = e instanceof OAuth2AuthenticationException invalid
                ? "The bearer token was refused: " + ProblemResponses.shortened(describe(invalid))
                : "This request needs an access token from %s, sent as Authorization: Bearer <token>".formatted(issuer);
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, jakarta.servlet.ServletException {
        deniedHeaders.handle(request, response, e);
        ProblemResponses.write(response, HttpStatus.FORBIDDEN, "Your token does not allow this request: " + lacking(e));
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        if (e instanceof AuthenticationServiceException) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
            ProblemResponses.write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The token cannot be checked: the keys of %s cannot be fetched; retry later".formatted(issuer));
            return;
        }
        commence(request, response, e);
    }

    private static String describe(OAuth2AuthenticationException invalid) {
        String description = invalid.getError().getDescription();
        return description != null ? description : invalid.getError().getErrorCode();
    }

    /** The scopes the rule asked for, when the rule was one of authorities ({@code hasAuthority}). */
    private static String lacking(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
                && !decision.getAuthorities().isEmpty()) {
            return "it needs "
                    + decision.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .map(BearerTokenProblems::asPermission)
                            .collect(Collectors.joining(" or "));
        }
        return "it lacks the permission";
    }

    private static String asPermission(String authority) {
        return authority.startsWith(EndUserSecurityAutoConfiguration.SCOPE_PREFIX)
                ? "the scope " + authority.substring(EndUserSecurityAutoConfiguration.SCOPE_PREFIX.length())
                : authority;
    }
}
