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
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.protos.product.v1.UpdateProductFromReceiverRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * Every kind of bad input that docs/failures-and-operations.md lists ("Bad input") gets a 4xx or INVALID_ARGUMENT
 * that names the problem, and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String TITLE_201 = "t".repeat(201);
    private static final String IMAGE_201 = "i".repeat(201);

    private final SystemUnderTest system = SystemUnderTest.get();
    // Every write as a caller who may make it: the product editor on the dashboard, an end user for likes.
    private final Http dashboard = system.dashboardAsEditor();
    private final Http product = new Http(system.productHttp());
    private GrpcChannels grpc;
    private DevUser liker;
    private String productId;
    private JsonNode productBefore;

    @BeforeAll
    void createOneProductToProtect() {
        grpc = new GrpcChannels(system);
        liker = DevUser.registered(system);
        productId = dashboard
                .post(
                        "/api/products",
                        "{\"title\": \"Protected\", \"image\": \"https://example.com/p.png\", \"likes\": 7}")
                .json()
                .get("id")
                .asString();
        productBefore = dashboard.get("/api/products/" + productId).json();
        await().atMost(Duration.ofSeconds(30))
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

        @ParameterizedTest
        @ValueSource(strings = {"{\"likes\": 1000}", "{\"title\": \"Protected\", \"likes\": 0}"})
        void aPutOrPatchThatSetsTheLikeCountIsABadRequestNamingTheFieldAndChangesNothing(String body) {
            for (Http.Response response : List.of(
                    dashboard.put("/api/products/" + productId, body),
                    dashboard.patch("/api/products/" + productId, body))) {
                assertThat(response.status()).as(response.toString()).isEqualTo(400);
                assertThat(response.json().get("errors").findValuesAsString("field"))
                        .contains("likes");
            }

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
            Http.Response response = liker.on(system.productHttp()).post("/api/products/" + productId + "/like", body);

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
            var replication =
                    ProductReceiverServiceGrpc.newBlockingStub(grpc.product).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> replication.deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
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
            String user = DevUser.registered(system).id();
            assertThatThrownBy(() -> products.likeProduct(LikeProductRequest.newBuilder()
                            .setId(UUID.randomUUID().toString())
                            .setUserId(user)
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        }
    }

    /** One regression test per class of bad input that once reached a 500, an HTML page or the database. */
    @Nested
    class Classes {

        private final RawHttp rawDashboard = new RawHttp(system.dashboardHttp());
        private final RawHttp rawProduct = new RawHttp(system.productHttp());

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "page=21474837&size=100",
                    "page=2147483647",
                    "page=107374183",
                    "page=2147483648",
                    "page=-1",
                    "size=-5",
                    "page=1e3",
                    "size=99999999999999999999"
                })
        void pagingWhoseOffsetCannotBeRepresentedIsABadRequestNamingTheParameterOnEveryList(String query) {
            for (var list : List.of(
                    Map.entry(dashboard, "/api/products"),
                    Map.entry(dashboard, "/api/users"),
                    Map.entry(product, "/api/products"))) {
                Http.Response response = list.getKey().get(list.getValue() + "?" + query);

                assertThat(response.status()).as(list.getValue() + "?" + query).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                assertThat(response.json().get("errors").findValuesAsString("field"))
                        .containsExactly(query.substring(0, query.indexOf('=')));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\\u0000b", "tab\\t", "new\\nline", "\\u001b[2J", "\\u007f", "\\u0085", "x\\udc00"})
        void textWithAControlCharacterOrALoneSurrogateIsRefusedOnEveryWritingEndpoint(String escaped) {
            long before = productCount();
            String title = "{\"title\": \"" + escaped + "\"}";
            String image = "{\"title\": \"ok\", \"image\": \"" + escaped + "\"}";

            for (Http.Response response : List.of(
                    dashboard.post("/api/products", title),
                    dashboard.post("/api/products", image),
                    dashboard.put("/api/products/" + productId, title),
                    dashboard.put("/api/products/" + productId, image),
                    dashboard.patch("/api/products/" + productId, title),
                    dashboard.patch("/api/products/" + productId, image))) {
                assertThat(response.status()).as(response.toString()).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            }
            assertThat(productCount()).isEqualTo(before);
            assertThat(dashboard.get("/api/products/" + productId).json()).isEqualTo(productBefore);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"multipart/form-data; boundary=x", "multipart/form-data", "text/plain", "application/xml"})
        void aJsonBodyUnderAnotherContentTypeIsUnsupportedOnEveryWritingEndpoint(String contentType) {
            long before = productCount();
            byte[] body = "{\"title\": \"Sneaky\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Map<String, String> asEditor = Map.of(
                    "Content-Type",
                    contentType,
                    "Authorization",
                    "Bearer " + system.tokens().editor());
            Map<String, String> asUser = Map.of(
                    "Content-Type",
                    contentType,
                    "Authorization",
                    "Bearer " + liker.token().get());

            for (var call : List.of(
                    List.of(rawDashboard, "POST", "/api/products", asEditor),
                    List.of(rawDashboard, "PUT", "/api/products/" + productId, asEditor),
                    List.of(rawDashboard, "PATCH", "/api/products/" + productId, asEditor),
                    List.of(rawDashboard, "POST", "/api/users", asUser),
                    List.of(rawProduct, "POST", "/api/products/" + productId + "/like", asUser))) {
                @SuppressWarnings("unchecked")
                Map<String, String> headers = (Map<String, String>) call.get(3);
                RawHttp.Response response =
                        ((RawHttp) call.get(0)).send((String) call.get(1), (String) call.get(2), headers, body);

                assertThat(response.status())
                        .as(call.get(1) + " " + call.get(2) + " -> " + response)
                        .isIn(400, 415);
                assertThat(response.isProblem()).as(response.toString()).isTrue();
            }
            assertThat(productCount()).isEqualTo(before);
            assertThat(dashboard.get("/api/products/" + productId).json()).isEqualTo(productBefore);
        }

        @ParameterizedTest
        @ValueSource(strings = {"%00", "%2e%2e%2f", "%C0%AF", "{id}", "%zz", "%", "a%2fb", "%ff%fe", "..%5c"})
        void aMalformedPathIsA400ProblemFromTheContainerOnEveryPathWithAnId(String id) {
            Map<String, String> asEditor =
                    Map.of("Authorization", "Bearer " + system.tokens().editor());
            Map<String, String> asUser =
                    Map.of("Authorization", "Bearer " + liker.token().get());
            for (var call : List.of(
                    List.of(rawDashboard, "GET", "/api/products/" + id, Map.of()),
                    List.of(rawDashboard, "PUT", "/api/products/" + id, asEditor),
                    List.of(rawDashboard, "PATCH", "/api/products/" + id, asEditor),
                    List.of(rawDashboard, "DELETE", "/api/products/" + id, asEditor),
                    List.of(rawDashboard, "GET", "/api/users/" + id, asEditor),
                    List.of(rawProduct, "GET", "/api/products/" + id, Map.of()),
                    List.of(rawProduct, "POST", "/api/products/" + id + "/like", asUser))) {
                @SuppressWarnings("unchecked")
                Map<String, String> headers = (Map<String, String>) call.get(3);
                RawHttp.Response response =
                        ((RawHttp) call.get(0)).send((String) call.get(1), (String) call.get(2), headers, new byte[0]);

                assertThat(response.status())
                        .as(call.get(1) + " " + call.get(2) + " -> " + response)
                        .isBetween(400, 404);
                assertThat(response.isProblem())
                        .as(call.get(2) + " -> " + response)
                        .isTrue();
                assertThat(response.body()).doesNotContain("<html");
            }
        }

        @Test
        void theErrorPathAnswersProblemJson() {
            for (Http service : List.of(dashboard, product)) {
                Http.Response response = service.get("/error");
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            }
        }

        @Test
        void aDuplicatedFieldIsRefusedInsteadOfTheLastOneWinning() {
            Http.Response response =
                    dashboard.put("/api/products/" + productId, "{\"title\": \"Protected\", \"title\": \"Hijacked\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("detail").asString()).contains("Duplicate");
            assertThat(liker.on(system.productHttp())
                            .post("/api/products/" + productId + "/like", "{\"userId\": null, \"userId\": null}")
                            .status())
                    .isEqualTo(400);
            assertThat(dashboard.get("/api/products/" + productId).json()).isEqualTo(productBefore);
        }

        @ParameterizedTest
        @ValueSource(longs = {Long.MAX_VALUE, (1L << 53), -1})
        void productServiceRefusesAVersionNoDashboardCouldHaveProduced(long version) {
            var replication =
                    ProductReceiverServiceGrpc.newBlockingStub(grpc.product).withDeadlineAfter(5, TimeUnit.SECONDS);
            JsonNode replica = product.get("/api/products/" + productId).json();
            var poisoned = ProductState.newBuilder()
                    .setId(productId)
                    .setTitle("Poisoned")
                    .setCreateTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1))
                    .setUpdateTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1))
                    .setVersion(version);

            assertThatThrownBy(() -> replication.updateProductFromReceiver(UpdateProductFromReceiverRequest.newBuilder()
                            .setProduct(poisoned)
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            assertThatThrownBy(() -> replication.deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                            .setId(productId)
                            .setVersion(version)
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            assertThat(product.get("/api/products/" + productId).json()).isEqualTo(replica);
        }

        @Test
        void reconciliationRepairsAReplicaThatIsAheadOfTheDashboard() {
            String id = dashboard
                    .post("/api/products", "{\"title\": \"Ahead\"}")
                    .json()
                    .get("id")
                    .asString();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> product.get("/api/products/" + id).status() == 200);
            var replication =
                    ProductReceiverServiceGrpc.newBlockingStub(grpc.product).withDeadlineAfter(5, TimeUnit.SECONDS);
            replication.updateProductFromReceiver(UpdateProductFromReceiverRequest.newBuilder()
                    .setProduct(ProductState.newBuilder()
                            .setId(id)
                            .setTitle("Planted ahead")
                            .setCreateTime(
                                    com.google.protobuf.Timestamp.newBuilder().setSeconds(1))
                            .setUpdateTime(
                                    com.google.protobuf.Timestamp.newBuilder().setSeconds(1))
                            .setVersion((1L << 53) - 1))
                    .build());
            assertThat(product.get("/api/products/" + id).json().get("title").asString())
                    .isEqualTo("Planted ahead");

            assertThat(Http.asOperator(
                                    system.dashboardManagement(),
                                    system.grpcKeys().operator())
                            .post("/actuator/reconciliation", "")
                            .status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> product.get("/api/products/" + id)
                            .json()
                            .get("title")
                            .asString()
                            .equals("Ahead"));
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
                "{\"title\": \"ok\", \"image\": \"" + IMAGE_201 + "\"}", // image too long
                "{\"title\": \"ok\", \"image\": \"lamp.png\"}", // an image that is no https URL
                "{\"title\": \"ok\", \"image\": \"javascript:alert(1)\"}"); // nor a script
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
