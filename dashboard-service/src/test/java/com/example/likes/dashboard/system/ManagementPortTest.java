package com.example.likes.dashboard.system;

import com.example.likes.dashboard.DashboardIntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Who may use which port: the REST port serves the API and its docs only; the management port serves health, info
 * and prometheus to anyone, and everything else (the operator's endpoints) only with the operator's credential.
 */
class ManagementPortTest extends DashboardIntegrationTest {

    @Nested
    class PublicPort {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "GET /actuator",
                    "GET /actuator/health",
                    "GET /actuator/prometheus",
                    "GET /actuator/replication",
                    "POST /actuator/replication",
                    "GET /actuator/reconciliation",
                    "GET /api/admin/replication",
                    "GET /api/admin/replication/failed",
                    "POST /api/admin/replication/failed/retry",
                    "GET /api/admin/reconciliation",
                    "POST /api/admin/reconciliation/repair"
                })
        void servesNoOperatorOrActuatorPathEvenWithTheOperatorsKey(String request) {
            String[] methodAndPath = request.split(" ");
            HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
            boolean apiWrite = method != HttpMethod.GET && methodAndPath[1].startsWith("/api/");

            rest.method(method)
                    .uri(methodAndPath[1])
                    .headers(headers -> headers.setBasicAuth("operator", OPERATOR_KEY))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(apiWrite ? 401 : 404)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            // A write needs an end user's token before anything else; with the editor's, the path is still not there.
            editor().method(method)
                    .uri(methodAndPath[1])
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Nested
    class WithoutACredential {

        @Test
        void healthIsUpWithoutDetails() {
            management()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP")
                    .jsonPath("$.components")
                    .doesNotExist();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "GET /actuator/replication",
                    "POST /actuator/replication",
                    "POST /actuator/replication/3f8b2c1e-0000-4000-8000-000000000001",
                    "GET /actuator/reconciliation",
                    "POST /actuator/reconciliation",
                    "GET /actuator/env",
                    "GET /actuator"
                })
        void operatorEndpointsAnswer401(String request) {
            expectUnauthorized(management(), request);
        }

        @Test
        void aWrongKeyIsRefusedAsBasicAndAsBearer() {
            RestTestClient wrongBasic = RestTestClient.bindToServer()
                    .baseUrl(managementUrl())
                    .defaultHeaders(headers -> headers.setBasicAuth("operator", "not-the-operator-key"))
                    .build();
            RestTestClient wrongBearer = RestTestClient.bindToServer()
                    .baseUrl(managementUrl())
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer not-the-operator-key")
                    .build();
            RestTestClient rightKeyWrongUser = RestTestClient.bindToServer()
                    .baseUrl(managementUrl())
                    .defaultHeaders(headers -> headers.setBasicAuth("admin", OPERATOR_KEY))
                    .build();

            expectUnauthorized(wrongBasic, "GET /actuator/replication");
            expectUnauthorized(wrongBearer, "GET /actuator/replication");
            expectUnauthorized(rightKeyWrongUser, "GET /actuator/replication");
        }

        private void expectUnauthorized(RestTestClient client, String request) {
            String[] methodAndPath = request.split(" ");
            client.method(HttpMethod.valueOf(methodAndPath[0]))
                    .uri(methodAndPath[1])
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"operator\".*Bearer.*")
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(401);
        }
    }

    @Nested
    class AsTheOperator {

        @Test
        void healthShowsItsDetails() {
            operator()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.components.db.status")
                    .isEqualTo("UP")
                    .jsonPath("$.components.replication.details.pending")
                    .isEqualTo(0);
        }

        @Test
        void aBearerKeyWorksAsWellAsBasic() {
            RestTestClient bearer = RestTestClient.bindToServer()
                    .baseUrl(managementUrl())
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_KEY)
                    .build();

            bearer.get()
                    .uri("/actuator/replication")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.pending")
                    .isEqualTo(0);
            bearer.get()
                    .uri("/actuator/reconciliation")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.inSync")
                    .isEqualTo(true);
        }
    }

    /**
     * A browser keeps the operator's Basic credentials once typed and sends them with any request to the port, one
     * that a page on another site makes it send included: such a request cannot change anything.
     */
    @Nested
    class FromABrowser {

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/replication", "/actuator/reconciliation"})
        void aCrossSiteFormPostWithTheOperatorsBasicCredentialsIsRefused(String path) {
            basic().post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body("confirm=yes")
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                            .contains("Authorization: Bearer"));
        }

        @Test
        void theSameCallWithAJsonContentTypeOrTheCustomHeaderIsAccepted() {
            basic().post()
                    .uri("/actuator/replication")
                    .contentType(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isAccepted();
            basic().post()
                    .uri("/actuator/replication")
                    .header("X-Requested-By", "operator")
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }

        private RestTestClient basic() {
            return RestTestClient.bindToServer()
                    .baseUrl(managementUrl())
                    .defaultHeaders(headers -> headers.setBasicAuth("operator", OPERATOR_KEY))
                    .build();
        }
    }

    private String managementUrl() {
        return "http://localhost:" + managementPort();
    }
}
