package com.example.likes.__name__.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.likes.__name__.__Name__IntegrationTest;
import com.example.likes.protos.__name__.v1.GetItemRequest;
import com.example.likes.protos.__name__.v1.ItemServiceGrpc;
import com.example.likes.testsupport.GrpcProbes;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * What operators and tools rely on: health, metrics, build info, API docs, gRPC health and reflection, the management
 * port.
 */
class OperationsTest extends __Name__IntegrationTest {

    @Nested
    class OverGrpc {

        @Test
        void theHealthServiceReportsServingWithoutAKey() {
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() ->
                            assertThat(GrpcProbes.health(grpcWithoutKey())).isEqualTo(ServingStatus.SERVING));
        }

        @Test
        void reflectionListsTheItemAndHealthServicesWithoutAKey() {
            // Asked again when the first answer misses the probe's deadline, as it may while the JVM is still cold.
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(GrpcProbes.reflectedServices(grpcWithoutKey()))
                            .contains("__name__.v1.ItemService", "grpc.health.v1.Health"));
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
        void prometheusCountsGrpcCallsPerMethodAndStatus() {
            try {
                ItemServiceGrpc.newBlockingStub(grpc())
                        .withDeadlineAfter(Duration.ofSeconds(5))
                        .getItem(GetItemRequest.newBuilder()
                                .setId(UUID.randomUUID().toString())
                                .build());
            } catch (StatusRuntimeException expected) {
                // NOT_FOUND: counted all the same
            }

            await().untilAsserted(() -> assertThat(management()
                            .get()
                            .uri("/actuator/prometheus")
                            .exchange()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .containsPattern("grpc_server_seconds_count\\{[^}]*rpc_method=\"GetItem\"[^}]*} [1-9]"));
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
                    .isEqualTo("__name__-service")
                    .jsonPath("$.build.artifact")
                    .isEqualTo("__name__-service")
                    .jsonPath("$.build.version")
                    .isEqualTo("0.1.0-SNAPSHOT");
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
            management().get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
            operator().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        }

        @Test
        void thePublicPortServesNoActuatorPath() {
            rest.get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void theOpenApiDocumentIntroducesTheServiceAndDescribesTheEndpoint() {
            rest.get()
                    .uri("/v3/api-docs")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.paths['/api/items'].post")
                    .exists()
                    .jsonPath("$.info.title")
                    .isEqualTo("__name__-service")
                    .jsonPath("$.info.description")
                    .isNotEmpty()
                    .jsonPath("$.tags[?(@.name == 'items')].description")
                    .isNotEmpty()
                    .jsonPath("$.paths['/api/items'].post.summary")
                    .isNotEmpty()
                    .jsonPath("$.paths['/api/items'].post.responses['201']")
                    .exists()
                    .jsonPath("$.paths['/api/items'].post.responses['400'].content['application/problem+json']")
                    .exists()
                    .jsonPath("$.paths['/api/items'].post.security[0].bearer")
                    .exists()
                    .jsonPath("$.components.securitySchemes.bearer.scheme")
                    .isEqualTo("bearer");
        }
    }
}
