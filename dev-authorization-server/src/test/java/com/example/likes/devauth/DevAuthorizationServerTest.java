package com.example.likes.devauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.likes.localstack.StackSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development authorization server as a service and a person see it: discovery by its issuer URL, a token from
 * one standard request to the token endpoint for each development identity, and the refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevAuthorizationServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER_SECRET = "test-user-secret";
    private static final String EDITOR_SECRET = "test-editor-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext server;
    private String issuer;

    @BeforeAll
    void start() {
        int port = StackSettings.freePort();
        server = new SpringApplicationBuilder(DevAuthorizationServerApplication.class)
                .profiles(DevelopmentOnly.PROFILE)
                .run(
                        "--server.port=" + port,
                        "--dev-auth.user-secret=" + USER_SECRET,
                        "--dev-auth.editor-secret=" + EDITOR_SECRET,
                        "--dev-auth.audience=test-api");
        issuer = "http://localhost:" + port;
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void discoveryNamesTheIssuerTheTokenEndpointAndTheKeys() throws Exception {
        JsonNode discovery = get("/.well-known/openid-configuration");

        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.get("grant_types_supported").valueStream().map(JsonNode::asString))
                .contains("client_credentials");
    }

    @Test
    void anEndUsersTokenNamesItAsSubjectAndTheServicesAsAudienceAndCarriesNoScope() throws Exception {
        Jwt token = decoderFoundByDiscovery().decode(accessToken("dev-user-1", USER_SECRET, null));

        assertThat(token.getSubject()).isEqualTo("dev-user-1");
        assertThat(token.getIssuer()).hasToString(issuer);
        assertThat(token.getAudience()).containsExactly("test-api");
        assertThat(token.hasClaim("scope")).isFalse();
        assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt().plusSeconds(3599));
    }

    @Test
    void everyDevUserNameIsAnEndUserOfItsOwn() throws Exception {
        JwtDecoder decoder = decoderFoundByDiscovery();

        assertThat(decoder.decode(accessToken("dev-user-2", USER_SECRET, null)).getSubject())
                .isEqualTo("dev-user-2");
        assertThat(decoder.decode(accessToken("dev-user-load.17", USER_SECRET, null))
                        .getSubject())
                .isEqualTo("dev-user-load.17");
    }

    @Test
    void theEditorGetsTheEditorScopesItAsksFor() throws Exception {
        Jwt token =
                decoderFoundByDiscovery().decode(accessToken("dev-editor", EDITOR_SECRET, "products:write users:read"));

        assertThat(token.getSubject()).isEqualTo("dev-editor");
        assertThat(token.getClaimAsStringList("scope")).containsExactlyInAnyOrder("products:write", "users:read");
    }

    @Test
    void anEndUserAskingForAnEditorScopeIsRefused() throws Exception {
        HttpResponse<String> answer = token("dev-user-1", USER_SECRET, "products:write");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        assertThat(token("dev-user-1", EDITOR_SECRET, null).statusCode()).isEqualTo(401);
        assertThat(token("dev-editor", USER_SECRET, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aClientOutsideTheDevelopmentIdentitiesIsRefused() throws Exception {
        for (String client : new String[] {"someone", "dev-user-", "dev-user-a b", "dev-user-" + "x".repeat(65)}) {
            HttpResponse<String> answer = token(client, USER_SECRET, null);

            assertThat(answer.statusCode()).as(client).isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("invalid_client");
        }
    }

    @Test
    void outsideTheDevProfileItRefusesToStart() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(DevAuthorizationServerApplication.class)
                .run("--server.port=" + StackSettings.freePort())
                .close());

        assertThat(failure)
                .hasMessageContaining("runs only in the dev profile")
                .hasMessageContaining("PLATFORM_OAUTH2_ISSUER_URI");
    }

    /** The way the services find the keys: from the issuer's discovery document. */
    private JwtDecoder decoderFoundByDiscovery() {
        return JwtDecoders.fromIssuerLocation(issuer);
    }

    private String accessToken(String client, String secret, String scope) throws Exception {
        HttpResponse<String> answer = token(client, secret, scope);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode token = JSON.readTree(answer.body());
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        return token.get("access_token").asString();
    }

    /** The request of the README: client credentials, the client's id and secret as HTTP Basic. */
    private HttpResponse<String> token(String client, String secret, String scope)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(issuer + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
