package com.example.likes.platform.web.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiDocumentationTest {

    private final ApiDocumentation documentation = new ApiDocumentation("shop-service", "1.2.3");

    @Test
    void theDocumentIsNamedAfterTheServiceAndItsBuild() {
        OpenAPI api = new OpenAPI().info(new Info().title("OpenAPI definition").version("v0"));

        documentation.customise(api);

        assertThat(api.getInfo().getTitle()).isEqualTo("shop-service");
        assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
    }

    @Test
    void aTitleTheServiceChoseStays() {
        OpenAPI api = new OpenAPI().info(new Info().title("Shop").description("Sells things."));

        documentation.customise(api);

        assertThat(api.getInfo().getTitle()).isEqualTo("Shop");
        assertThat(api.getInfo().getDescription()).isEqualTo("Sells things.");
    }

    @Test
    void aReadOfOneThingMayBeMalformedUnknownOrUnavailable() {
        Operation read = new Operation()
                .addParametersItem(new PathParameter().name("id"))
                .responses(ok());

        customise("/api/orders/{id}", PathItem.HttpMethod.GET, read);

        assertThat(read.getResponses()).containsOnlyKeys("200", "400", "404", "503");
    }

    @Test
    void aListWithoutAnIdHasNoNotFound() {
        Operation list = new Operation()
                .addParametersItem(new QueryParameter().name("page"))
                .responses(ok());

        customise("/api/orders", PathItem.HttpMethod.GET, list);

        assertThat(list.getResponses()).containsOnlyKeys("200", "400", "503");
    }

    @Test
    void aWriteWithABodyMayAlsoBeTooLargeNotJsonOrOverTheClientsLimit() {
        Operation create = new Operation().requestBody(new RequestBody()).responses(ok());

        customise("/api/orders", PathItem.HttpMethod.POST, create);

        assertThat(create.getResponses()).containsOnlyKeys("200", "400", "413", "415", "429", "503");
        assertThat(create.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertThat(create.getResponses().get("503").getHeaders()).containsKey("Retry-After");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyErrorIsAProblemAndWhatTheServiceSaidOfItStays() {
        Operation like = new Operation()
                .addParametersItem(new PathParameter().name("id"))
                .responses(ok().addApiResponse(
                                "409",
                                new ApiResponse()
                                        .description("You already liked this product")
                                        .content(new Content()
                                                .addMediaType(
                                                        "*/*", new MediaType().schema(new Schema<>().$ref("Like"))))));

        customise("/api/orders/{id}/like", PathItem.HttpMethod.POST, like);

        ApiResponse conflict = like.getResponses().get("409");
        assertThat(conflict.getDescription()).isEqualTo("You already liked this product");
        assertThat(conflict.getContent()).containsOnlyKeys("application/problem+json");
        assertThat(conflict.getContent()
                        .get("application/problem+json")
                        .getSchema()
                        .get$ref())
                .isEqualTo("#/components/schemas/ProblemDetail");
        assertThat(like.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat((Map<String, Object>)
                        conflict.getContent().get("application/problem+json").getExample())
                .containsEntry("status", 409)
                .containsEntry("title", "Conflict")
                .containsEntry("detail", "You already liked this product")
                .containsEntry("instance", "/api/orders/{id}/like");
    }

    @Test
    void theProblemSchemaHasTheFieldsOfRfc9457AndTheOffendingFields() {
        OpenAPI api = new OpenAPI();

        documentation.customise(api);

        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "errors");
    }

    private void customise(String path, PathItem.HttpMethod method, Operation operation) {
        PathItem item = new PathItem();
        item.operation(method, operation);
        documentation.customise(new OpenAPI().paths(new Paths().addPathItem(path, item)));
    }

    private static ApiResponses ok() {
        return new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("OK")
                                .content(new Content().addMediaType("application/json", new MediaType())));
    }
}
