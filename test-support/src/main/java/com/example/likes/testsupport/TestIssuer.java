package com.example.likes.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An OpenID Connect issuer for tests, on a free loopback port: discovery at
 * {@code <uri>/.well-known/openid-configuration} and its public key at {@code <uri>/jwks}, as any identity provider
 * publishes them. A service under test is pointed at it ({@link #register}) and finds its key as it would in
 * production; the tests sign tokens with its private key, or break them on purpose (expired, another issuer or
 * audience, signed with a key it never published). One per JVM, shared by every test class.
 */
public final class TestIssuer {

    /** The audience of every token {@link #claims} starts from; {@link #register} makes a service expect it. */
    public static final String AUDIENCE = "test-api";

    private static TestIssuer instance;

    private final HttpServer server;
    private final String uri;
    private final RSAKey key;
    private final RSAKey unpublishedKey;
    private final AtomicInteger keyFetches = new AtomicInteger();

    private TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            unpublishedKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the test issuer's keys", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        uri = "http://localhost:" + server.getAddress().getPort();
        String discovery = """
                {"issuer":"%s","jwks_uri":"%s/jwks","subject_types_supported":["public"],\
                "id_token_signing_alg_values_supported":["RS256"]}""".formatted(uri, uri);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/jwks", exchange -> {
            keyFetches.incrementAndGet();
            answer(exchange, jwks);
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The issuer, started on first use. */
    public static synchronized TestIssuer get() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    /** Points the service under test at this issuer, expecting {@link #AUDIENCE}. */
    public static void register(DynamicPropertyRegistry registry) {
        TestIssuer issuer = get();
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::uri);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    /** The same settings as {@link #register}, as {@code name=value} pairs for a service started by hand. */
    public List<String> properties() {
        return List.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + uri,
                "spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE);
    }

    /** The issuer URL: the {@code iss} of its tokens. */
    public String uri() {
        return uri;
    }

    /** A valid access token for {@code subject}, with {@code scopes}. */
    public String token(String subject, String... scopes) {
        JWTClaimsSet.Builder claims = claims(subject);
        if (scopes.length > 0) {
            claims.claim("scope", String.join(" ", scopes));
        }
        return sign(claims);
    }

    /** The claims of a valid token for {@code subject}, to change before {@link #sign}: valid for an hour. */
    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(uri)
                .subject(subject)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** A token with {@code claims}, signed with the key this issuer publishes. */
    public String sign(JWTClaimsSet.Builder claims) {
        return sign(claims, key);
    }

    /** A token with {@code claims}, signed with a key of the same id that this issuer never published. */
    public String signWithAnUnpublishedKey(JWTClaimsSet.Builder claims) {
        return sign(claims, unpublishedKey);
    }

    /** How often a service fetched this issuer's keys: once, then from its cache, for any number of tokens. */
    public int keyFetches() {
        return keyFetches.get();
    }

    private static String sign(JWTClaimsSet.Builder claims, RSAKey with) {
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(with.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            token.sign(new RSASSASigner(with));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return token.serialize();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
