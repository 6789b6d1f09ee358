package com.example.likes.platform.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator's endpoints over a real management port: a state-changing request that a cross-site page could make a
 * browser send is refused even with the right Basic credentials, and failed logins are throttled per address and
 * logged without the credential.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorEndpointsTest {

    private static final String KEY = "an-operator-key-0123";
    private static final String OPERATION = "/actuator/operation";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CrossSiteRequests {

        private ConfigurableApplicationContext app;
        private URI management;

        @BeforeAll
        void start() {
            app = startApp();
            management = managementUri(app);
        }

        @AfterAll
        void stop() {
            app.close();
        }

        /** What a hidden form on another site makes the browser send, with the Basic credentials it keeps. */
        @Test
        void aFormPostWithCachedBasicCredentialsIsRefused() throws Exception {
            int before = runs();

            HttpResponse<String> forged = post(basic(KEY), "application/x-www-form-urlencoded", "confirm=yes");

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(forged.body()).contains("Authorization: Bearer", "X-Requested-By", "application/json");
            assertThat(runs()).isEqualTo(before);
        }

        @Test
        void aTextPlainOrMultipartOrBodilessPostWithBasicCredentialsIsRefused() throws Exception {
            int before = runs();

            assertThat(post(basic(KEY), "text/plain", "{}").statusCode()).isEqualTo(403);
            assertThat(post(basic(KEY), "multipart/form-data; boundary=x", "--x--")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(send(HttpRequest.newBuilder(management.resolve(OPERATION))
                                    .header("Authorization", basic(KEY))
                                    .POST(BodyPublishers.noBody()))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(runs()).isEqualTo(before);
        }

        @Test
        void basicCredentialsWithAJsonContentTypeOrTheCustomHeaderAreAccepted() throws Exception {
            int before = runs();

            assertThat(post(basic(KEY), "application/json", "").statusCode()).isEqualTo(200);
            assertThat(post(basic(KEY), "application/vnd.spring-boot.actuator.v3+json; charset=utf-8", "")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(management.resolve(OPERATION))
                                    .header("Authorization", basic(KEY))
                                    .header("X-Requested-By", "operator")
                                    .POST(BodyPublishers.noBody()))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(runs()).isEqualTo(before + 3);
        }

        @Test
        void aBearerKeyNeedsNothingMore() throws Exception {
            int before = runs();

            assertThat(send(HttpRequest.newBuilder(management.resolve(OPERATION))
                                    .header("Authorization", "Bearer " + KEY)
                                    .POST(BodyPublishers.noBody()))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(runs()).isEqualTo(before + 1);
        }

        @Test
        void withoutACredentialItIs401AsBefore() throws Exception {
            assertThat(post(null, "application/json", "").statusCode()).isEqualTo(401);
            assertThat(post(null, "application/x-www-form-urlencoded", "").statusCode())
                    .isEqualTo(401);
        }

        private HttpResponse<String> post(String authorization, String contentType, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(management.resolve(OPERATION))
                    .header("Content-Type", contentType)
                    .POST(BodyPublishers.ofString(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return send(request);
        }

        private int runs() throws Exception {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(management.resolve(OPERATION)).header("Authorization", basic(KEY)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Integer.parseInt(response.body().replaceAll("\\D", ""));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FailedLogins {

        private ConfigurableApplicationContext app;
        private URI management;

        @BeforeAll
        void start() {
            app = startApp("platform.management.failed-logins.max=3", "platform.management.failed-logins.per=1h");
            management = managementUri(app);
        }

        @AfterAll
        void stop() {
            app.close();
        }

        @Test
        void areThrottledPerAddressAndLoggedWithoutTheCredential(CapturedOutput output) throws Exception {
            for (String wrong :
                    new String[] {basic("wrong-operator-key-1"), "Bearer wrong-operator-key-2", basic("x")}) {
                assertThat(send(HttpRequest.newBuilder(management.resolve(OPERATION))
                                        .header("Authorization", wrong))
                                .statusCode())
                        .isEqualTo(401);
            }

            // The limit is used up: even the right key is refused before it is checked, until the period refills it.
            HttpResponse<String> throttled =
                    send(HttpRequest.newBuilder(management.resolve(OPERATION)).header("Authorization", basic(KEY)));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
            assertThat(throttled.body()).contains("\"status\":429");
            // A request without a credential is no login attempt: health stays open.
            assertThat(send(HttpRequest.newBuilder(management.resolve("/actuator/health")))
                            .statusCode())
                    .isEqualTo(200);

            assertThat(output)
                    .contains("Operator login failed: GET " + OPERATION + " from 127.0.0.1")
                    .contains("further attempts from this address are refused")
                    .doesNotContain("wrong-operator-key-1", "wrong-operator-key-2", KEY)
                    .doesNotContain(basic("wrong-operator-key-1").substring("Basic ".length()));
        }
    }

    private static ConfigurableApplicationContext startApp(String... properties) {
        String[] all = new String[properties.length + 2];
        all[0] = "platform.management.operator-keys=" + KEY;
        all[1] = "management.endpoints.web.exposure.include=health,operation";
        System.arraycopy(properties, 0, all, 2, properties.length);
        return TestApp.start(StackSettings.freePort(), all);
    }

    private static URI managementUri(ConfigurableApplicationContext app) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port"));
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("operator:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }
}
