package com.example.likes.dashboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.example.likes.dashboard.DashboardIntegrationTest;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.example.likes.testsupport.GrpcProbes;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** What operators and tools rely on: health, metrics, build info, API docs, gRPC health and reflection. */
class OperationsTest extends DashboardIntegrationTest {

    @Nested
    class Actuator {

        @Test
        void healthIsUp() {
            management()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }

        @Test
        void livenessAndReadinessGroupsAreUp() {
            management()
                    .get()
                    .uri("/actuator/health/liveness")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
            management()
                    .get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
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
                    .isEqualTo("dashboard-service")
                    .jsonPath("$.build.artifact")
                    .isEqualTo("dashboard-service")
                    .jsonPath("$.build.version")
                    .isEqualTo("0.1.0-SNAPSHOT");
        }

        @Test
        void prometheusServesMetricsAsText() {
            // At least one REST request, so that there are HTTP server metrics whichever test ran first.
            rest.get().uri("/api/products").exchange().expectStatus().isOk();

            String metrics = management()
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(metrics).contains("jvm_memory_used_bytes", "http_server_requests");
        }

        @Test
        void prometheusCountsGrpcCallsPerMethodServedAndMadeWithLatencyBuckets() {
            var users = UserServiceGrpc.newBlockingStub(grpc()).withDeadlineAfter(5, TimeUnit.SECONDS);
            catchThrowable(() -> users.getUser(GetUserRequest.getDefaultInstance()));
            editor().post()
                    .uri("/api/products")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"title\": \"Lamp\"}")
                    .exchange()
                    .expectStatus()
                    .isCreated();

            await().untilAsserted(() -> assertThat(prometheus())
                    .containsPattern("grpc_server_seconds_count\\{[^}]*grpc_status_code=\"NOT_FOUND\"[^}]*"
                            + "rpc_method=\"GetUser\",rpc_service=\"dashboard.v1.UserService\"[^}]*} [1-9]")
                    .containsPattern("grpc_server_seconds_bucket\\{[^}]*rpc_method=\"GetUser\"")
                    .containsPattern("grpc_client_seconds_count\\{[^}]*rpc_method=\"CreateProductFromReceiver\""));
        }

        private String prometheus() {
            return management()
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }

        @Test
        void otherEndpointsAreNotExposed() {
            operator().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        }
    }

    @Nested
    class ApiDocs {

        @Test
        void openApiDescribesTheUserAndProductEndpoints() {
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.paths['/api/users']")
                    .exists()
                    .jsonPath("$.paths['/api/users/{id}']")
                    .exists()
                    .jsonPath("$.paths['/api/products']")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}'].patch")
                    .exists();
        }

        @Test
        void theOpenApiDocumentIntroducesTheServiceItsResourcesAndTheirErrors() {
            String problem = "content['application/problem+json'].schema['$ref']";
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.info.title")
                    .isEqualTo("dashboard-service")
                    .jsonPath("$.info.version")
                    .isEqualTo("0.1.0-SNAPSHOT")
                    .jsonPath("$.info.description")
                    .isNotEmpty()
                    .jsonPath("$.tags.length()")
                    .isEqualTo(2)
                    .jsonPath("$.tags[?(@.name == 'products')].description")
                    .isNotEmpty()
                    .jsonPath("$.tags[?(@.name == 'users')].description")
                    .isNotEmpty()
                    .jsonPath("$.paths..[?(@.operationId && !@.summary)]")
                    .isEmpty()
                    .jsonPath("$.paths['/api/products'].post.responses['201']")
                    .exists()
                    .jsonPath("$.paths['/api/products'].post.responses['400']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.paths['/api/products'].post.responses['413']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.paths['/api/products'].post.responses['415']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.paths['/api/products'].post.responses['429'].headers['Retry-After']")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}'].get.responses['404']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.paths['/api/products/{id}'].delete.responses['204']")
                    .exists()
                    .jsonPath("$.paths['/api/users'].get.responses['503']." + problem)
                    .isEqualTo("#/components/schemas/ProblemDetail")
                    .jsonPath("$.components.schemas.ProblemDetail.properties.errors")
                    .exists();
        }

        @Test
        void openApiAsksForABearerTokenOnExactlyTheOperationsThatNeedOne() {
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components.securitySchemes.bearer.type")
                    .isEqualTo("http")
                    .jsonPath("$.components.securitySchemes.bearer.scheme")
                    .isEqualTo("bearer")
                    .jsonPath("$.paths['/api/products'].post.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}'].put.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}'].patch.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/products/{id}'].delete.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/users'].post.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/users'].get.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/users/{id}'].get.security[0].bearer")
                    .exists()
                    .jsonPath("$.paths['/api/products'].get.security")
                    .doesNotExist()
                    .jsonPath("$.paths['/api/products/{id}'].get.security")
                    .doesNotExist()
                    .jsonPath("$.paths['/api/users/{id}'].get.parameters[*].name")
                    .isEqualTo(List.of("id"));
        }

        @Test
        void swaggerUiIsServed() {
            rest.get()
                    .uri("/swagger-ui/index.html")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML);
            rest.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        }
    }

    @Nested
    class Grpc {

        @Test
        void healthReportsServingWithoutAKey() {
            var health = HealthGrpc.newBlockingStub(grpcWithoutKey()).withDeadlineAfter(5, TimeUnit.SECONDS);

            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
        }

        @Test
        void reflectionListsTheDashboardServicesWithoutAKey() throws Exception {

            assertThat(GrpcProbes.reflectedServices(grpcWithoutKey()))
                    .contains("dashboard.v1.ProductService", "dashboard.v1.UserService", "grpc.health.v1.Health");
        }
    }
}
