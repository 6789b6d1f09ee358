package com.example.likes.platform.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.TestApp;
import com.example.likes.testsupport.TestIssuer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST port as an OAuth2 resource server, over a real port with real signed tokens from the {@link TestIssuer}:
 * which requests need a token, and what each refusal answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndUserSecurityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestIssuer issuer = TestIssuer.get();
    private ConfigurableApplicationContext app;
    private URI base;

    @BeforeAll
    void start() {
        app = TestApp.start(StackSettings.freePort(), "platform.web.rate-limit.enabled=false");
        base = URI.create("http://localhost:"
                + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Nested
    class Writes {

        @Test
        void aWriteWithoutATokenIs401ProblemThatNamesTheIssuer() throws Exception {
            HttpResponse<String> answer = send("POST", "/api/test/echo", null);

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertProblem(answer, 401).contains(issuer.uri()).contains("Authorization: Bearer");
        }

        @Test
        void aWriteWithAValidTokenGoesThrough() throws Exception {
            HttpResponse<String> answer = send("POST", "/api/test/echo", issuer.token("alice"));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("hello");
        }

        @Test
        void readsNeedNoToken() throws Exception {
            assertThat(send("GET", "/api/test/echo", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class RefusedTokens {

        @Test
        void anExpiredTokenIs401() throws Exception {
            String expired = issuer.sign(issuer.claims("alice")
                    .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(3600))));

            assertRefused(send("POST", "/api/test/echo", expired)).containsIgnoringCase("expired");
        }

        @Test
        void aTokenOfAnotherIssuerIs401() throws Exception {
            String foreign = issuer.sign(issuer.claims("alice").issuer("https://login.example.com/"));

            assertRefused(send("POST", "/api/test/echo", foreign)).contains("iss");
        }

        @Test
        void aTokenForAnotherAudienceIs401() throws Exception {
            String elsewhere = issuer.sign(issuer.claims("alice").audience("another-api"));

            assertRefused(send("POST", "/api/test/echo", elsewhere)).contains("aud");
        }

        @Test
        void aTokenWithoutAudienceIs401() throws Exception {
            String none = issuer.sign(issuer.claims("alice").audience((String) null));

            assertRefused(send("POST", "/api/test/echo", none)).contains("aud");
        }

        @Test
        void aTokenSignedWithAKeyTheIssuerNeverPublishedIs401() throws Exception {
            String forged = issuer.signWithAnUnpublishedKey(issuer.claims("alice"));

            assertRefused(send("POST", "/api/test/echo", forged)).containsIgnoringCase("signature");
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-jwt", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9."})
        void aMalformedOrUnsignedTokenIs401(String token) throws Exception {
            assertRefused(send("POST", "/api/test/echo", token));
        }

        @Test
        void aBadTokenIsRefusedOnReadsToo() throws Exception {
            assertRefused(send("GET", "/api/test/echo", "not-a-jwt"));
        }

        private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(HttpResponse<String> answer)
                throws IOException {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).contains("error=\"invalid_token\""));
            return assertProblem(answer, 401).startsWith("The bearer token was refused");
        }
    }

    @Nested
    class Permissions {

        @Test
        void aTokenWithoutTheScopeARuleNeedsIs403ProblemNamingTheScope() throws Exception {
            HttpResponse<String> answer = send("DELETE", "/api/test/guarded", issuer.token("alice", "other:scope"));

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).contains("insufficient_scope"));
            assertProblem(answer, 403).contains("the scope test:write");
        }

        @Test
        void aTokenWithTheScopeGoesThrough() throws Exception {
            assertThat(send("DELETE", "/api/test/guarded", issuer.token("editor", "test:write"))
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void aServiceRuleCanGuardAReadAndAnonymousCallersGet401Not403() throws Exception {
            assertThat(send("GET", "/api/test/me", null).statusCode()).isEqualTo(401);
            assertThat(send("DELETE", "/api/test/guarded", null).statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class Identity {

        @Test
        void theCallerIsTheNameBasedIdOfIssuerAndSubject() throws Exception {
            HttpResponse<String> answer = send("GET", "/api/test/me", issuer.token("alice"));

            assertThat(answer.body())
                    .isEqualTo(EndUser.idOf(issuer.uri(), "alice").toString());
            assertThat(EndUser.idOf(issuer.uri(), "alice"))
                    .isNotEqualTo(EndUser.idOf(issuer.uri(), "bob"))
                    .isNotEqualTo(EndUser.idOf("https://login.example.com/", "alice"));
        }

        @Test
        void tokensAreCheckedWithCachedKeysWithoutACallToTheIssuerPerRequest() throws Exception {
            send("POST", "/api/test/echo", issuer.token("warm-up"));
            int fetchesBefore = issuer.keyFetches();

            for (int i = 0; i < 20; i++) {
                assertThat(send("POST", "/api/test/echo", issuer.token("user-" + i))
                                .statusCode())
                        .isEqualTo(200);
            }

            assertThat(issuer.keyFetches()).isEqualTo(fetchesBefore);
        }
    }

    @Nested
    class FirewallRefusals {

        @ParameterizedTest
        @ValueSource(strings = {"/api/test/echo;jsessionid=x", "/api//test/echo", "/api/test/%2525echo"})
        void aPathTheFirewallRefusesIsA400Problem(String path) throws IOException {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).contains("\"status\":400").doesNotContain("jsessionid");
        }

        @Test
        void anUnknownMethodIsA4xxProblem() throws IOException {
            String answer = raw("BREW /api/test/echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 4");
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        }

        private String raw(String request) throws IOException {
            try (Socket socket = new Socket("localhost", base.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Where the issuer cannot be reached, a token cannot be checked: 503, never 401 or 500. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class IssuerUnreachable {

        private ConfigurableApplicationContext lonely;
        private URI lonelyBase;

        @BeforeAll
        void start() {
            lonely = TestApp.start(
                    StackSettings.freePort(),
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:" + StackSettings.freePort(),
                    "platform.web.retry-after=7s");
            lonelyBase = URI.create("http://localhost:"
                    + ((WebServerApplicationContext) lonely).getWebServer().getPort());
        }

        @AfterAll
        void stop() {
            lonely.close();
        }

        @Test
        void aTokenThatCannotBeCheckedIs503WithRetryAfter() throws Exception {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(lonelyBase.resolve("/api/test/echo"))
                            .header("Authorization", "Bearer " + issuer.token("alice"))
                            .POST(BodyPublishers.ofString("hello"))
                            .build(),
                    BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
            assertProblem(answer, 503).contains("retry later");
        }
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "text/plain")
                .method(method, method.equals("GET") ? BodyPublishers.noBody() : BodyPublishers.ofString("hello"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertProblem(HttpResponse<String> answer, int status)
            throws IOException {
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        return assertThat(problem.get("detail").asString());
    }
}
