package com.example.likes.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.testapp.TestApp;
import com.example.likes.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Behind a trusted proxy ({@code PLATFORM_WEB_TRUSTED_PROXIES}, here the loopback address the test connects from),
 * the client is the address the proxy forwards in X-Forwarded-For, and an IPv6 client is its /64 network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedProxyTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;
    private URI base;

    @BeforeAll
    void start() {
        app = TestApp.start(
                StackSettings.freePort(),
                "platform.web.trusted-proxies=127.0.0.1/32, ::1/128",
                "platform.web.rate-limit.requests=2",
                "platform.web.rate-limit.per=1m");
        base = URI.create("http://localhost:"
                + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void eachForwardedClientHasABudgetOfItsOwn() throws Exception {
        assertThat(writeFrom("198.51.100.1")).isEqualTo(200);
        assertThat(writeFrom("198.51.100.1")).isEqualTo(200);
        assertThat(writeFrom("198.51.100.1")).isEqualTo(429);

        assertThat(writeFrom("198.51.100.2")).isEqualTo(200);
    }

    @Test
    void theClientIsTheLastAddressNoTrustedProxyAdded() throws Exception {
        // A client that sends its own X-Forwarded-For cannot pose as another: the proxy appends the real peer.
        assertThat(writeFrom("192.0.2.99, 198.51.100.7")).isEqualTo(200);
        assertThat(writeFrom("192.0.2.100, 198.51.100.7")).isEqualTo(200);
        assertThat(writeFrom("192.0.2.101, 198.51.100.7")).isEqualTo(429);
    }

    @Test
    void anIpv6ClientIsItsSlash64Network() throws Exception {
        assertThat(writeFrom("2001:db8:0:7::1")).isEqualTo(200);
        assertThat(writeFrom("2001:db8:0:7:ffff::2")).isEqualTo(200);
        assertThat(writeFrom("2001:db8:0:7::3")).isEqualTo(429);

        assertThat(writeFrom("2001:db8:0:8::1")).isEqualTo(200);
    }

    private int writeFrom(String forwardedFor) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(base.resolve("/api/test/echo"))
                                .header(
                                        "Authorization",
                                        "Bearer " + TestIssuer.get().token("a-writer"))
                                .header("Content-Type", "text/plain")
                                .header("X-Forwarded-For", forwardedFor)
                                .POST(BodyPublishers.ofString("hello"))
                                .build(),
                        BodyHandlers.ofString())
                .statusCode();
    }
}
