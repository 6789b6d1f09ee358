package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.localstack.DevTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what on the REST APIs, against the real development authorization server: no write without a token,
 * products are the editor's, a like counts for the person whose token sent it, and the issuer is found by discovery
 * as any OpenID Connect provider is.
 */
class EndUsersIT {

    private final SystemUnderTest system = SystemUnderTest.get();
    private final Http anonymousDashboard = new Http(system.dashboardHttp());
    private final Http anonymousProduct = new Http(system.productHttp());
    private final Http editor = system.dashboardAsEditor();

    @Nested
    class WithoutAToken {

        @Test
        void noWriteSucceedsOnEitherServiceAndNothingChanges() {
            String productId = replicatedProduct("Untouchable");
            JsonNode before =
                    anonymousDashboard.get("/api/products/" + productId).json();
            long users = userCount();

            for (Http.Response refused : List.of(
                    anonymousDashboard.post("/api/products", "{\"title\": \"Intruder\"}"),
                    anonymousDashboard.put("/api/products/" + productId, "{\"title\": \"Intruder\"}"),
                    anonymousDashboard.patch("/api/products/" + productId, "{\"title\": \"Intruder\"}"),
                    anonymousDashboard.delete("/api/products/" + productId),
                    anonymousDashboard.post("/api/users", "{}"),
                    anonymousProduct.post("/api/products/" + productId + "/like", ""))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
                assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.json().get("detail").asString()).contains("Authorization: Bearer");
            }

            assertThat(anonymousDashboard.get("/api/products/" + productId).json())
                    .isEqualTo(before);
            assertThat(userCount()).isEqualTo(users);
        }

        @Test
        void productsAreReadWithoutOne() {
            String productId = replicatedProduct("Public");

            assertThat(anonymousDashboard.get("/api/products/" + productId).status())
                    .isEqualTo(200);
            assertThat(anonymousProduct.get("/api/products/" + productId).status())
                    .isEqualTo(200);
        }

        @Test
        void aTokenWithABrokenSignatureIsRefused() {
            String token = system.tokens().user("forger");
            String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

            Http.Response refused = anonymousDashboard.withToken(() -> forged).post("/api/users", "{}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        }
    }

    @Nested
    class AnEndUser {

        @Test
        void likesAsItselfAndOnlyAsItself() {
            String productId = replicatedProduct("Liked by its users");
            DevUser alice = DevUser.registered(system);
            DevUser bob = DevUser.registered(system);

            Http.Response naming = alice.on(system.productHttp())
                    .post("/api/products/" + productId + "/like", "{\"userId\": \"" + bob.id() + "\"}");
            assertThat(naming.status()).as(naming.toString()).isEqualTo(400);
            assertThat(naming.json().get("errors").findValuesAsString("field")).containsExactly("userId");

            Http.Response like = FaultTests.like(anonymousProduct, productId, alice);
            assertThat(like.status()).as(like.toString()).isEqualTo(200);
            assertThat(like.json().get("userId").asString()).isEqualTo(alice.id());
            assertThat(like.json().get("likes").asLong()).isEqualTo(1);
            assertThat(FaultTests.like(anonymousProduct, productId, bob)
                            .json()
                            .get("likes")
                            .asLong())
                    .isEqualTo(2);
        }

        @Test
        void cannotChangeProductsNorSetALikeCountAndIsToldWhichScopeItLacks() {
            String productId = replicatedProduct("Editor's only");
            JsonNode before =
                    anonymousDashboard.get("/api/products/" + productId).json();
            Http alice = DevUser.registered(system).on(system.dashboardHttp());

            for (Http.Response refused : List.of(
                    alice.post("/api/products", "{\"title\": \"Mine\", \"likes\": 1000000}"),
                    alice.put("/api/products/" + productId, "{\"title\": \"Mine\"}"),
                    alice.patch("/api/products/" + productId, "{\"title\": \"Mine\"}"),
                    alice.delete("/api/products/" + productId))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope");
                assertThat(refused.json().get("detail").asString()).contains("products:write");
            }

            assertThat(anonymousDashboard.get("/api/products/" + productId).json())
                    .isEqualTo(before);
        }

        @Test
        void readsItselfButNotAnotherUserNorTheListOfUsers() {
            DevUser alice = DevUser.registered(system);
            DevUser bob = DevUser.registered(system);
            Http asAlice = alice.on(system.dashboardHttp());

            assertThat(asAlice.get("/api/users/" + alice.id()).json().get("id").asString())
                    .isEqualTo(alice.id());
            assertThat(asAlice.get("/api/users/" + bob.id()).status()).isEqualTo(403);
            assertThat(asAlice.get("/api/users").status()).isEqualTo(403);
        }

        @Test
        void registeringAgainIsTheSameUser() {
            DevUser alice = DevUser.registered(system);

            Http.Response again = alice.on(system.dashboardHttp()).post("/api/users", "{}");

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("id").asString()).isEqualTo(alice.id());
        }

        @Test
        void whoHasNotRegisteredIsToldToAndTheDashboardIsAskedOnce() {
            String productId = replicatedProduct("Liked by a stranger");
            Http productOps = Http.asOperator(
                    system.productManagement(), system.grpcKeys().operator());
            double likeCallsBefore =
                    FaultTests.counter(productOps, "grpc_client_seconds_count", "rpc_method", "LikeProduct");
            double getUserCallsBefore =
                    FaultTests.counter(productOps, "grpc_client_seconds_count", "rpc_method", "GetUser");

            Http.Response like = FaultTests.like(anonymousProduct, productId, DevUser.unregistered(system));

            assertThat(like.status()).as(like.toString()).isEqualTo(404);
            assertThat(like.json().get("detail").asString()).contains("register first with POST /api/users");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(FaultTests.counter(
                                    productOps, "grpc_client_seconds_count", "rpc_method", "LikeProduct"))
                            .isEqualTo(likeCallsBefore + 1));
            assertThat(FaultTests.counter(productOps, "grpc_client_seconds_count", "rpc_method", "GetUser"))
                    .isEqualTo(getUserCallsBefore);
            assertThat(editor.get("/api/products/" + productId)
                            .json()
                            .get("likes")
                            .asLong())
                    .isZero();
        }
    }

    @Nested
    class TheEditor {

        @Test
        void createsReplacesPatchesAndDeletesProductsAndListsUsers() {
            Http.Response created = editor.post("/api/products", "{\"title\": \"Imported\", \"likes\": 41}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(created.json().get("likes").asLong()).isEqualTo(41);

            assertThat(editor.put("/api/products/" + id, "{\"title\": \"Replaced\"}")
                            .status())
                    .isEqualTo(200);
            assertThat(editor.patch("/api/products/" + id, "{\"title\": \"Patched\"}")
                            .json()
                            .get("likes")
                            .asLong())
                    .as("the count stays the server's")
                    .isEqualTo(41);
            assertThat(editor.get("/api/users").status()).isEqualTo(200);
            assertThat(editor.delete("/api/products/" + id).status()).isEqualTo(204);
        }
    }

    @Nested
    class TheDevelopmentAuthorizationServer {

        @Test
        void isFoundByItsIssuerUrlAsAnyOpenIdConnectProviderIs() {
            JsonNode discovery = new Http(system.tokens().issuer())
                    .get("/.well-known/openid-configuration")
                    .json();

            assertThat(discovery.get("token_endpoint").asString()).endsWith("/oauth2/token");
            assertThat(discovery.get("jwks_uri").asString()).endsWith("/oauth2/jwks");
        }

        @Test
        void refusesAWrongSecretAndAnEndUserAskingForTheEditorsScope() {
            HttpResponse<String> wrongSecret = system.tokens().request(DevTokens.EDITOR, "not-the-secret", null);
            HttpResponse<String> greedy =
                    system.tokens().request(DevTokens.USER_PREFIX + "greedy", DevTokens.USER_SECRET, "products:write");

            assertThat(wrongSecret.statusCode()).isEqualTo(401);
            assertThat(greedy.statusCode()).isEqualTo(400);
            assertThat(greedy.body()).contains("invalid_scope");
        }
    }

    @Test
    void theApiDocumentsOfferTheBearerTokenScheme() {
        for (Http service : List.of(anonymousDashboard, anonymousProduct)) {
            JsonNode document = service.get("/v3/api-docs").json();

            assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
                    .isEqualTo("bearer");
        }
    }

    private String replicatedProduct(String title) {
        return FaultTests.replicatedProduct(editor, anonymousProduct, title);
    }

    private long userCount() {
        return editor.get("/api/users?size=1")
                .json()
                .get("page")
                .get("totalElements")
                .asLong();
    }
}
