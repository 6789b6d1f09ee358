package com.example.likes.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.TestApp;
import com.example.likes.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * REST requests are limited per client, over a real port: writes and reads each with a budget of their own (429,
 * problem+json, Retry-After). Without a trusted proxy the client is the peer, whatever X-Forwarded-For says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestRateLimitTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;
    private URI base;

    @BeforeAll
    void start() {
        app = TestApp.start(
                StackSettings.freePort(),
                "platform.web.rate-limit.requests=3",
                "platform.web.rate-limit.per=1m",
                "platform.web.rate-limit.read-requests=5",
                "platform.web.rate-limit.read-per=1m");
        base = URI.create("http://localhost:"
                + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void writesOverTheirBudgetAre429WithRetryAfterAndReadsHaveTheirOwnBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/test/echo", "203.0.113.1").statusCode()).isEqualTo(200);
        }

        // Another X-Forwarded-For is the same client: no proxy is trusted.
        HttpResponse<String> limited = post("/api/test/echo", "203.0.113.2");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(limited.body()).contains("\"status\":429").contains("too many writes");
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/test/echo").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> readLimited = get("/api/test/echo");
        assertThat(readLimited.statusCode()).isEqualTo(429);
        assertThat(readLimited.headers().firstValue("Retry-After")).isPresent();
        assertThat(readLimited.body()).contains("too many reads");
    }

    private HttpResponse<String> post(String path, String forwardedFor) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + TestIssuer.get().token("a-writer"))
                        .header("Content-Type", "text/plain")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(BodyPublishers.ofString("hello"))
                        .build(),
                BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), BodyHandlers.ofString());
    }
}
