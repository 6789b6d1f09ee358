package com.example.likes.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every kind of bad input of SPEC.md gets a 4xx or INVALID_ARGUMENT that names the problem and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String TITLE_201 = "t".repeat(201);
    private static final String IMAGE_201 = "i".repeat(201);

    private final SystemUnderTest system = SystemUnderTest.get();
    private final Http dashboard = new Http(system.dashboardHttp());
    private final Http product = new Http(system.productHttp());
    private GrpcChannels grpc;
    private String productId;
    private JsonNode productBefore;

    @BeforeAll
    void createOneProductToProtect() {
        grpc = new GrpcChannels(system);
        productId = dashboard
                .post("/api/products", "{\"title\": \"Protected\", \"image\": \"p.png\", \"likes\": 7}")
                .json()
                .get("id")
                .asString();
        productBefore = dashboard.get("/api/products/" + productId).json();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> product.get("/api/products/" + productId).status() == 200);
    }

    @AfterAll
    void closeChannels() throws InterruptedException {
        grpc.close();
    }

    @Nested
    class DashboardProducts {

        @ParameterizedTest
        @MethodSource("com.example.likes.e2e.BadInputIT#badProductBodies")
        void aBadCreateIsABadRequestThatNamesTheProblemAndStoresNothing(String body) {
            long before = productCount();

            Http.Response response = dashboard.post("/api/products", body);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).isNotBlank();
            assertThat(productCount()).isEqualTo(before);
        }

        @ParameterizedTest
        @MethodSource("com.example.likes.e2e.BadInputIT#badProductBodies")
        void aBadPutOrPatchChangesNothing(String body) {
            assertThat(dashboard.put("/api/products/" + productId, body).status())
                    .isEqualTo(400);
            assertThat(dashboard.patch("/api/products/" + productId, body).status())
                    .isEqualTo(400);

            assertThat(dashboard.get("/api/products/" + productId).json()).isEqualTo(productBefore);
        }

        @Test
        void aCreateOrPutWithoutTitleIsABadRequest() {
            assertThat(dashboard
                            .post("/api/products", "{\"image\": \"no title\"}")
                            .status())
                    .isEqualTo(400);
            assertThat(dashboard
                            .put("/api/products/" + productId, "{\"image\": \"no title\"}")
                            .status())
                    .isEqualTo(400);
            assertThat(dashboard.get("/api/products/" + productId).json()).isEqualTo(productBefore);
        }

        @Test
        void aValidationErrorListsTheOffendingFields() {
            JsonNode problem = dashboard
                    .post("/api/products", "{\"title\": \"\", \"likes\": -1}")
                    .json();

            assertThat(problem.get("errors").findValuesAsString("field")).contains("title", "likes");
        }

        @Test
        void anOversizeBodyIsRejected() {
            String huge = "{\"title\": \"" + "x".repeat(200_000) + "\"}";
            assertThat(dashboard.post("/api/products", huge).status()).isEqualTo(413);
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "12345"})
        void aMalformedIdIsABadRequest(String id) {
            Http.Response response = dashboard.get("/api/products/" + id);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).contains("UUID");
            assertThat(dashboard.delete("/api/products/" + id).status()).isEqualTo(400);
            assertThat(product.get("/api/products/" + id).status()).isEqualTo(400);
        }

        @Test
        void negativePagingIsABadRequestAndAHugePageSizeIsCapped() {
            assertThat(dashboard.get("/api/products?page=-1").status()).isEqualTo(400);
            assertThat(dashboard.get("/api/products?size=0").status()).isEqualTo(400);
            assertThat(dashboard.get("/api/products?size=abc").status()).isEqualTo(400);
            assertThat(dashboard
                            .get("/api/products?size=100000")
                            .json()
                            .get("page")
                            .get("size")
                            .asInt())
                    .isEqualTo(100);
        }
    }

    @Nested
    class Likes {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"userId\": \"nope\"}",
                    "{\"userId\": 42}",
                    "{\"userId\": ",
                    "{\"user\": \"" + "00000000-0000-0000-0000-000000000000" + "\"}"
                })
        void aBadLikeIsABadRequestAndCountsNothing(String body) {
            Http.Response response = product.post("/api/products/" + productId + "/like", body);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(dashboard
                            .get("/api/products/" + productId)
                            .json()
                            .get("likes")
                            .asLong())
                    .isEqualTo(7);
        }
    }

    @Nested
    class Grpc {

        @Test
        void aMalformedUserIdIsInvalidArgument() {
            var users = UserServiceGrpc.newBlockingStub(grpc.dashboard).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> users.getUser(
                            GetUserRequest.newBuilder().setId("bad").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).contains("id");
                    });
        }

        @Test
        void aMalformedLikeIsInvalidArgumentAndCountsNothing() {
            var products = ProductServiceGrpc.newBlockingStub(grpc.dashboard).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> products.likeProduct(LikeProductRequest.newBuilder()
                            .setId(productId)
                            .setUserId("bad")
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            assertThat(dashboard
                            .get("/api/products/" + productId)
                            .json()
                            .get("likes")
                            .asLong())
                    .isEqualTo(7);
        }

        @Test
        void aMalformedReplicationMessageIsInvalidArgumentAndDeletesNothing() {
            var receiver =
                    ProductReceiverServiceGrpc.newBlockingStub(grpc.product).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> receiver.deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                            .setId("bad")
                            .setVersion(1)
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            assertThat(product.get("/api/products/" + productId).status()).isEqualTo(200);
        }

        @Test
        void anUnknownProductOnLikeIsNotFound() {
            var products = ProductServiceGrpc.newBlockingStub(grpc.dashboard).withDeadlineAfter(5, TimeUnit.SECONDS);
            String user = dashboard.post("/api/users", "{}").json().get("id").asString();
            assertThatThrownBy(() -> products.likeProduct(LikeProductRequest.newBuilder()
                            .setId(UUID.randomUUID().toString())
                            .setUserId(user)
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        }
    }

    static Stream<String> badProductBodies() {
        return Stream.of(
                "{\"title\": ", // malformed JSON
                "[1, 2, 3]", // not an object
                "{\"title\": \"ok\", \"likes\": \"many\"}", // wrong type
                "{\"title\": 42}", // a number where text belongs
                "{\"title\": \"ok\", \"likes\": 1.5}", // a fraction for a whole number
                "{\"title\": \"ok\", \"colour\": \"red\"}", // unknown field
                "{\"title\": \"ok\", \"likes\": -1}", // negative count
                "{\"title\": \"ok\", \"likes\": 99999999999999999999}", // beyond int64
                "{\"title\": \"\"}", // empty title
                "{\"title\": \"   \"}", // blank title
                "{\"title\": \"" + TITLE_201 + "\"}", // title too long
                "{\"title\": \"ok\", \"image\": \"" + IMAGE_201 + "\"}"); // image too long
    }

    private long productCount() {
        return dashboard
                .get("/api/products?size=1")
                .json()
                .get("page")
                .get("totalElements")
                .asLong();
    }
}
