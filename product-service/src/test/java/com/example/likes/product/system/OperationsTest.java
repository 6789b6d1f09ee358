package com.example.likes.product.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.example.likes.platform.grpc.auth.ApiKeys;
import com.example.likes.product.FakeDashboard;
import com.example.likes.product.ProductIntegrationTest;
import com.example.likes.product.ProductStates;
import com.example.likes.protos.product.v1.CreateProductFromReceiverRequest;
import com.example.likes.protos.product.v1.DeleteProductFromReceiverRequest;
import com.example.likes.protos.product.v1.ProductReceiverServiceGrpc;
import com.example.likes.protos.product.v1.ProductState;
import com.example.likes.testsupport.GrpcProbes;
import io.grpc.ClientInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** What operators and tools rely on: health, metrics, API docs, gRPC health and reflection. */
class OperationsTest extends ProductIntegrationTest {

    @Nested
    class OverGrpc {

        @Test
        void theHealthServiceReportsServingWithoutAKey() {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(grpcChannelWithoutKey());

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(health.withDeadlineAfter(Duration.ofSeconds(2))
                                    .check(HealthCheckRequest.getDefaultInstance())
                                    .getStatus())
                            .isEqualTo(ServingStatus.SERVING));
        }

        @Test
        void reflectionListsTheReplicationAndHealthServicesWithoutAKey() throws Exception {
            assertThat(GrpcProbes.reflectedServices(grpcChannelWithoutKey()))
                    .contains("product.v1.ProductReceiverService", "grpc.health.v1.Health");
        }
    }

    @Nested
    class Authentication {

        @Test
        void aReplicationCallWithoutAKeyIsUnauthenticatedAndChangesNothing() {
            ProductState.Builder product = ProductStates.aProduct();

            var failure = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ProductReceiverServiceGrpc.newBlockingStub(grpcChannelWithoutKey())
                            .withDeadlineAfter(Duration.ofSeconds(5))
                            .createProductFromReceiver(CreateProductFromReceiverRequest.newBuilder()
                                    .setProduct(product)
                                    .build()));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            rest.get()
                    .uri("/api/products/{id}", product.getId())
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void aReplicationCallWithAnotherServicesKeyIsUnauthenticated() {
            var failure = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> ProductReceiverServiceGrpc.newBlockingStub(ClientInterceptors.intercept(
                                    grpcChannelWithoutKey(), ApiKeys.clientInterceptor(FakeDashboard.API_KEY)))
                            .withDeadlineAfter(Duration.ofSeconds(5))
                            .deleteProductFromReceiver(DeleteProductFromReceiverRequest.newBuilder()
                                    .setId(UUID.randomUUID().toString())
                                    .setVersion(1)
                                    .build()));

            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Nested
    class OverHttp {

        @Test
        void healthAndItsProbesAreUp() {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                management()
                        .get()
                        .uri(path)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("UP");
            }
        }

        @Test
        void prometheusMetricsAreExposed() {
            String metrics = management()
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(metrics).contains("jvm_memory_used_bytes");
        }

        @Test
        void prometheusCountsGrpcCallsPerMethodServedAndMadeWithLatencyBuckets() {
            UUID product = givenProduct(0);
            dashboard.givenUser(idOf("alice"));
            user("alice")
                    .post()
                    .uri("/api/products/{id}/like", product)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .exchange()
                    .expectStatus()
                    .isOk();

            await().untilAsserted(() -> assertThat(management()
                            .get()
                            .uri("/actuator/prometheus")
                            .exchange()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .containsPattern("grpc_server_seconds_count\\{[^}]*rpc_method=\"CreateProductFromReceiver\"")
                    .containsPattern("grpc_client_seconds_count\\{[^}]*rpc_method=\"LikeProduct\"[^}]*} [1-9]")
                    .containsPattern("grpc_client_seconds_bucket\\{[^}]*rpc_method=\"LikeProduct\""));
        }

        @Test
        void healthShowsDetailsOnlyToTheOperator() {
            management()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components")
                    .doesNotExist();
            operator()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.components.db.status")
                    .isEqualTo("UP");
        }

        @Test
        void everyOtherManagementPathNeedsTheOperatorsKey() {
            management().get().uri("/actuator").exchange().expectStatus().isUnauthorized();
            management().get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
            operator().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        }

        @Test
        void thePublicPortServesNoActuatorPath() {
            for (String path :
                    List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/api/admin/replication")) {
                rest.get()
                        .uri(path)
                        .exchange()
                        .expectStatus()
                        .isNotFound()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }

        @Test
        void infoNamesTheServiceAndItsVersion() {
            management()
                    .get()
                    .uri("/actuator/info")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.app.name")
                    .isEqualTo("product-service")
                    .jsonPath("$.build.artifact")
                    .isEqualTo("product-service")
                    .jsonPath("$.build.version")
                    .isEqualTo("0.1.0-SNAPSHOT");
        }

        @Test
        void theOpenApiDocumentDescribesTheEndpoints() {
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.paths['/api/products'].get")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}'].get")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}/like'].post")
                    .exists();
        }

        @Test
        void theOpenApiDocumentIntroducesTheServiceItsResourcesAndTheirErrors() {
            String like = "$.paths['/api/products/{id}/like'].post.responses";
            String problem = "content['application/problem+json'].schema['$ref']";
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.info.title")
                    .isEqualTo("product-service")
                    .jsonPath("$.info.version")
                    .isEqualTo("0.1.0-SNAPSHOT")
                    .jsonPath("$.info.description")
                    .isNotEmpty()
                    .jsonPath("$.tags.length()")
                    .isEqualTo(2)
                    .jsonPath("$.tags[?(@.name == 'products')].description")
                    .isNotEmpty()
                    .jsonPath("$.tags[?(@.name == 'likes')].description")
                    .isNotEmpty()
                    .jsonPath("$.paths..[?(@.operationId && !@.summary)]")
                    .isEmpty()
                    .jsonPath(like + "['200'].content['application/json']")
                    .exists()
                    .jsonPath(like + "['409'].description")
                    .isEqualTo("You already liked this product; no count changed")
                    .jsonPath(like + "['409']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath(like + "['404']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath(like + "['503'].headers['Retry-After']")
                    .exists()
                    .jsonPath(like + "['504']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.paths['/api/products/{id}'].get.responses['404']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.components.schemas.ProblemDetail.properties.detail")
                    .exists();
        }

        @Test
        void theOpenApiDocumentAsksForABearerTokenWhereOneIsNeededAndNamesNoCallerParameter() {
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components.securitySchemes.bearer.scheme")
                    .isEqualTo("bearer")
                    .jsonPath("$.components.securitySchemes.bearer.bearerFormat")
                    .isEqualTo("JWT")
                    .jsonPath("$.paths['/api/products/{id}/like'].post.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}/like'].post.parameters[*].name")
                    .isEqualTo(List.of("id"))
                    .jsonPath("$.paths['/api/products'].get.security")
                    .doesNotExist()
                    .jsonPath("$.paths['/api/products/{id}'].get.security")
                    .doesNotExist();
        }

        @Test
        void theSwaggerUiIsServed() {
            rest.get()
                    .uri("/swagger-ui/index.html")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML);
            rest.get()
                    .uri("/swagger-ui.html")
                    .exchange()
                    .expectStatus()
                    .is3xxRedirection()
                    .expectHeader()
                    .valueMatches("Location", ".*/swagger-ui/index.html");
        }
    }
}
