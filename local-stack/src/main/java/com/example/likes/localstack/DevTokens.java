package com.example.likes.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens from the development authorization server (module dev-authorization-server), fetched as a person
 * fetches them: one request to its token endpoint with the client credentials grant, one client per development
 * identity, the secrets of {@code .env.example}. The product editor is {@value #EDITOR}; an end user is any
 * {@value #USER_PREFIX}{@code <name>}, each a subject, and so a user, of its own. A token is kept until a minute before
 * it expires.
 */
public final class DevTokens {

    /** The product editor's client: may change products and read every user. */
    public static final String EDITOR = "dev-editor";

    /** The scopes the editor asks for. */
    public static final String EDITOR_SCOPES = "products:write users:read";

    /** The client ids of the development end users start with this. */
    public static final String USER_PREFIX = "dev-user-";

    /** The published secrets ({@code DEV_AUTH_USER_SECRET}, {@code DEV_AUTH_EDITOR_SECRET} of .env.example). */
    public static final String USER_SECRET = "dev-user-secret";

    public static final String EDITOR_SECRET = "dev-editor-secret";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Duration KEPT_UNTIL_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI issuer;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAt) {}

    /** @param issuer the development authorization server's issuer URL, as the caller reaches it */
    public DevTokens(URI issuer) {
        this.issuer = issuer;
    }

    /** The issuer URL: {@code <issuer>/oauth2/token} is the token endpoint. */
    public URI issuer() {
        return issuer;
    }

    /** A token of the product editor. */
    public String editor() {
        return token(EDITOR, EDITOR_SECRET, EDITOR_SCOPES);
    }

    /** A token of the end user {@value #USER_PREFIX}{@code name}, whose subject is that client id. */
    public String user(String name) {
        return token(USER_PREFIX + name, USER_SECRET, null);
    }

    /** Forgets every token, after the server started again with a new key (which refuses the old tokens). */
    public void forget() {
        tokens.clear();
    }

    /**
     * The token endpoint's answer to a client credentials request: what {@code curl -u id:secret -d
     * grant_type=client_credentials [-d scope=...] <issuer>/oauth2/token} gets.
     */
    public HttpResponse<String> request(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the development authorization server at " + issuer + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String clientId, String secret, String scope) {
        Token kept = tokens.get(clientId);
        if (kept != null && Instant.now().isBefore(kept.renewAt())) {
            return kept.value();
        }
        HttpResponse<String> answer = request(clientId, secret, scope);
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException(
                    "no token for %s: %d %s".formatted(clientId, answer.statusCode(), answer.body()));
        }
        Matcher expiresIn = EXPIRES_IN.matcher(answer.body());
        Instant expires = expiresIn.find()
                ? Instant.now().plusSeconds(Long.parseLong(expiresIn.group(1)))
                : Instant.now().plus(KEPT_UNTIL_BEFORE_EXPIRY.multipliedBy(2));
        Token fetched = new Token(token.group(1), expires.minus(KEPT_UNTIL_BEFORE_EXPIRY));
        tokens.put(clientId, fetched);
        return fetched.value();
    }
}
