package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.DevTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The curl session of the README, step by step, against the running system: one request for the product editor's
 * token, then every call with it. This is the only test that registers the editor as a user.
 */
class ReadmeWalkthroughIT {

    private final SystemUnderTest system = SystemUnderTest.get();

    @Test
    void aProductCreatedOnTheDashboardIsLikedThroughProductServiceAndCountedOnTheDashboard() {
        HttpResponse<String> tokenAnswer =
                system.tokens().request(DevTokens.EDITOR, DevTokens.EDITOR_SECRET, DevTokens.EDITOR_SCOPES);
        assertThat(tokenAnswer.statusCode()).as(tokenAnswer.body()).isEqualTo(200);
        String token = JsonMapper.shared()
                .readTree(tokenAnswer.body())
                .get("access_token")
                .asString();
        Http dashboard = new Http(system.dashboardHttp()).withToken(() -> token);
        Http product = new Http(system.productHttp()).withToken(() -> token);

        Http.Response user = dashboard.post("/api/users", "");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String userId = user.json().get("id").asString();
        assertThat(user.header("Location")).endsWith("/api/users/" + userId);

        Http.Response created = dashboard.post("/api/products", """
                {"title": "Mechanical keyboard", "image": "https://example.com/keyboard.png"}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode createdBody = created.json();
        String productId = createdBody.get("id").asString();
        assertThat(createdBody.get("likes").asLong()).isZero();
        assertThat(created.header("Location")).endsWith("/api/products/" + productId);

        JsonNode replica = await().atMost(Duration.ofSeconds(10))
                .until(() -> product.get("/api/products/" + productId), r -> r.status() == 200)
                .json();
        assertThat(replica.get("title").asString()).isEqualTo("Mechanical keyboard");
        assertThat(replica.get("image").asString()).isEqualTo("https://example.com/keyboard.png");

        Http.Response like = product.post("/api/products/" + productId + "/like", "");
        assertThat(like.status()).as(like.toString()).isEqualTo(200);
        assertThat(like.json().get("productId").asString()).isEqualTo(productId);
        assertThat(like.json().get("userId").asString()).isEqualTo(userId);
        assertThat(like.json().get("likes").asLong()).isEqualTo(1);

        Http.Response again = product.post("/api/products/" + productId + "/like", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asString()).isEqualTo("You already liked this product");
        assertThat(again.json().get("type").asString()).isEqualTo("about:blank");
        assertThat(again.json().get("title").asString()).isEqualTo("Conflict");
        assertThat(again.json().get("status").asInt()).isEqualTo(409);

        assertThat(dashboard
                        .get("/api/products/" + productId)
                        .json()
                        .get("likes")
                        .asLong())
                .isEqualTo(1);

        Http.Response withoutToken = new Http(system.dashboardHttp()).post("/api/products", """
                {"title": "Desk"}""");
        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(withoutToken.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(withoutToken.json().get("detail").asString())
                .startsWith("This request needs an access token from")
                .endsWith("sent as Authorization: Bearer <token>");

        Http.Response invalid = dashboard.post("/api/products", """
                {"title": "", "likes": -1}""");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("detail").asString())
                .contains("title: must not be blank", "likes: must be greater than or equal to 0");
    }
}
