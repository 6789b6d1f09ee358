package com.example.likes.dashboard.product;

import static com.example.likes.dashboard.GrpcErrors.violatedFields;
import static com.example.likes.testsupport.GrpcAdmission.untilAdmitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.dashboard.system.ProtoTimestamps;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.protos.dashboard.v1.LikeProductRequest;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc;
import com.example.likes.protos.dashboard.v1.ProductServiceGrpc.ProductServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code dashboard.v1.ProductService/LikeProduct} over the real gRPC port. */
class LikeProductGrpcTest extends DashboardIntegrationTest {

    @Nested
    class Counting {

        @Test
        void likeCountsOneAndReturnsTheProduct() {
            ProductResponse product =
                    createProduct("{\"title\": \"Lamp\", \"image\": \"https://example.com/lamp.png\", \"likes\": 5}");
            UUID user = createUsers(1).getFirst();

            var liked = like(product.id(), user).getProduct();

            assertThat(liked.getId()).isEqualTo(product.id().toString());
            assertThat(liked.getTitle()).isEqualTo("Lamp");
            assertThat(liked.getImage()).isEqualTo("https://example.com/lamp.png");
            assertThat(liked.getLikes()).isEqualTo(6);
            assertThat(liked.getCreateTime()).isEqualTo(ProtoTimestamps.of(product.createdAt()));
            assertThat(storedLikes(product.id())).isEqualTo(6);
        }

        @Test
        void likingAgainCountsOnce() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            UUID user = createUsers(1).getFirst();

            assertThat(like(product.id(), user).getProduct().getLikes()).isEqualTo(1);
            assertThat(like(product.id(), user).getProduct().getLikes()).isEqualTo(1);
            assertThat(storedLikes(product.id())).isEqualTo(1);
        }

        @Test
        void eachUserCountsOnce() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            List<UUID> users = createUsers(3);

            users.forEach(user -> like(product.id(), user));

            assertThat(storedLikes(product.id())).isEqualTo(3);
        }

        @Test
        void aLikeIsNotAnEdit() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");

            like(product.id(), createUsers(1).getFirst());

            rest.get()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.likes")
                    .isEqualTo(1)
                    .jsonPath("$.updatedAt")
                    .isEqualTo(product.updatedAt().toString());
            assertThat(jdbc.sql("select version from product where id = ?")
                            .param(product.id())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void countAtTheInt64MaximumStaysThere() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\", \"likes\": 9223372036854775807}");

            assertThat(like(product.id(), createUsers(1).getFirst())
                            .getProduct()
                            .getLikes())
                    .isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void twoHundredUsersLikingAtOnceEachCountOnce() throws Exception {
            ProductResponse product = createProduct("{\"title\": \"Lamp\", \"likes\": 10}");
            List<UUID> users = createUsers(200);

            try (ExecutorService callers = Executors.newFixedThreadPool(32)) {
                List<Future<?>> calls = new ArrayList<>();
                for (UUID user : users) {
                    // Every user likes twice, concurrently with everyone else: still one count each.
                    calls.add(callers.submit(() -> likeAsAClientWould(product.id(), user)));
                    calls.add(callers.submit(() -> likeAsAClientWould(product.id(), user)));
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            }

            assertThat(storedLikes(product.id())).isEqualTo(210);
            assertThat(jdbc.sql("select count(*) from product_like where product_id = ?")
                            .param(product.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(200);
        }

        @Test
        void aThousandDistinctUsersLikingAtOnceCountExactlyAThousand() throws Exception {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            List<UUID> users = createUsers(1000);

            try (ExecutorService callers = Executors.newFixedThreadPool(64)) {
                List<Future<?>> calls = new ArrayList<>();
                for (UUID user : users) {
                    calls.add(callers.submit(() -> likeAsAClientWould(product.id(), user)));
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            }

            assertThat(storedLikes(product.id())).isEqualTo(1000);
        }

        @Test
        void aLikeRepeatedAfterItsAnswerWasLostCountsOnce() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            UUID user = createUsers(1).getFirst();
            like(product.id(), user); // the caller never saw this answer, so it sends the same like again

            var repeated = like(product.id(), user);

            assertThat(repeated.getProduct().getLikes()).isEqualTo(1);
            assertThat(storedLikes(product.id())).isEqualTo(1);
        }

        @Test
        void editsWhileLikesArriveLoseNoLike() throws Exception {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            List<UUID> users = createUsers(100);

            try (ExecutorService callers = Executors.newFixedThreadPool(16)) {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < users.size(); i++) {
                    UUID user = users.get(i);
                    calls.add(callers.submit(() -> likeAsAClientWould(product.id(), user)));
                    if (i % 5 == 0) {
                        String title = "Lamp " + i;
                        calls.add(callers.submit(() -> editor().patch()
                                .uri("/api/products/{id}", product.id())
                                .contentType(MediaType.APPLICATION_JSON)
                                .body("{\"title\": \"%s\"}".formatted(title))
                                .exchange()
                                .expectStatus()
                                .isOk()));
                    }
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            }

            assertThat(storedLikes(product.id())).isEqualTo(100);
            assertThat(jdbc.sql("select version from product where id = ?")
                            .param(product.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(20);
        }
    }

    @Nested
    class Rejecting {

        @Test
        void unknownProductIsNotFound() {
            var failure = likeFailing(
                    UUID.randomUUID().toString(), createUsers(1).getFirst().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.getStatus().getDescription()).startsWith("Product ");
            assertThat(StatusMapping.missingResource(failure))
                    .hasValueSatisfying(
                            missing -> assertThat(missing.getResourceType()).isEqualTo("Product"));
        }

        @Test
        void unknownUserIsNotFoundSayingSoInResourceInfoAndCountsNothing() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            String user = UUID.randomUUID().toString();

            var failure = likeFailing(product.id().toString(), user);

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.getStatus().getDescription()).startsWith("User ");
            assertThat(StatusMapping.missingResource(failure)).hasValueSatisfying(missing -> {
                assertThat(missing.getResourceType()).isEqualTo("User");
                assertThat(missing.getResourceName()).isEqualTo(user);
            });
            assertThat(storedLikes(product.id())).isZero();
        }

        @Test
        void unknownProductAndUnknownUserIsTheProductNotFound() {
            var failure =
                    likeFailing(UUID.randomUUID().toString(), UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.getStatus().getDescription()).startsWith("Product ");
        }

        @Test
        void deletedProductIsNotFound() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");
            editor().delete()
                    .uri("/api/products/{id}", product.id())
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            var failure = likeFailing(
                    product.id().toString(), createUsers(1).getFirst().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(failure.getStatus().getDescription()).startsWith("Product ");
        }

        @Test
        void malformedProductIdIsInvalidArgument() {
            var failure = likeFailing("lamp", UUID.randomUUID().toString());

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violatedFields(failure)).containsExactly("id");
        }

        @Test
        void malformedUserIdIsInvalidArgumentAndCountsNothing() {
            ProductResponse product = createProduct("{\"title\": \"Lamp\"}");

            var failure = likeFailing(product.id().toString(), "");

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violatedFields(failure)).containsExactly("user_id");
            assertThat(storedLikes(product.id())).isZero();
        }
    }

    private com.example.likes.protos.dashboard.v1.LikeProductResponse like(UUID product, UUID user) {
        return products()
                .likeProduct(LikeProductRequest.newBuilder()
                        .setId(product.toString())
                        .setUserId(user.toString())
                        .build());
    }

    /**
     * A like sent again, a second later (the delay the refusal's RetryInfo names), while the dashboard refuses it as
     * beyond its limit, as product-service sends it: what these tests check is that every like counts once.
     */
    private com.example.likes.protos.dashboard.v1.LikeProductResponse likeAsAClientWould(UUID product, UUID user) {
        return untilAdmitted(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> like(product, user));
    }

    private StatusRuntimeException likeFailing(String product, String user) {
        return catchThrowableOfType(
                StatusRuntimeException.class,
                () -> products()
                        .likeProduct(LikeProductRequest.newBuilder()
                                .setId(product)
                                .setUserId(user)
                                .build()));
    }

    private ProductServiceBlockingStub products() {
        return ProductServiceGrpc.newBlockingStub(grpc()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private ProductResponse createProduct(String body) {
        return editor().post()
                .uri("/api/products")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(ProductResponse.class)
                .returnResult()
                .getResponseBody();
    }

    private List<UUID> createUsers(int count) {
        return jdbc.sql("""
                        insert into app_user (id, created_at) select gen_random_uuid(), now() from generate_series(1, ?)
                        returning id""").param(count).query(UUID.class).list();
    }

    private long storedLikes(UUID product) {
        return jdbc.sql("select likes from product where id = ?")
                .param(product)
                .query(Long.class)
                .single();
    }
}
