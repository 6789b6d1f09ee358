package com.example.likes.platform.web.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

/**
 * What every service's OpenAPI document says alike: the service's name as its title and the build's version, the
 * {@code ProblemDetail} schema of every error (RFC 9457), and the errors that the platform itself answers for any
 * operation: 400 for a malformed parameter or body, 404 for an unknown id in the path, 413 and 415 for a body too
 * large or not JSON, 429 for a client over its write limit, 503 when a database or a service it needs is down.
 * Each service adds its description, its tags, a summary per operation and the errors its own rules give
 * ({@code @Operation}, {@code @Tag}, {@code @ApiResponse}); every error response, those included, is problem+json.
 */
public final class ApiDocumentation implements OpenApiCustomizer {

    static final String PROBLEM = "ProblemDetail";
    static final String PROBLEM_JSON = "application/problem+json";
    // What springdoc writes when nothing names the document.
    private static final Set<String> DEFAULT_TITLES = Set.of("OpenAPI definition");
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private final String serviceName;
    private final @Nullable String version;

    /**
     * @param serviceName the document's title unless the service names it otherwise ({@code spring.application.name})
     * @param version the build's version, when the build recorded one ({@code build-info})
     */
    public ApiDocumentation(String serviceName, @Nullable String version) {
        this.serviceName = serviceName;
        this.version = version;
    }

    @Override
    public void customise(OpenAPI api) {
        Info info = api.getInfo() == null ? new Info() : api.getInfo();
        if (info.getTitle() == null || DEFAULT_TITLES.contains(info.getTitle())) {
            info.setTitle(serviceName);
        }
        if (version != null) {
            info.setVersion(version);
        }
        api.setInfo(info);
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() != null) {
            api.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> describeErrors(path, method, operation)));
        }
    }

    private static void describeErrors(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        if (body || !parameters.isEmpty()) {
            addIfAbsent(
                    responses,
                    HttpStatus.BAD_REQUEST,
                    "The request is malformed: `detail` names the problem, "
                            + "`errors` the offending fields. Nothing changed.");
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            addIfAbsent(responses, HttpStatus.NOT_FOUND, "Nothing has this id.");
        }
        if (body) {
            addIfAbsent(responses, HttpStatus.CONTENT_TOO_LARGE, "The body is larger than the service accepts.");
            addIfAbsent(responses, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body is not JSON.");
        }
        if (WRITES.contains(method) && path.startsWith("/api/")) {
            addIfAbsent(
                    responses,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many writes from this client: retry after " + "`Retry-After` seconds.");
        }
        addIfAbsent(
                responses,
                HttpStatus.SERVICE_UNAVAILABLE,
                "The service, its database or a service it needs is "
                        + "unavailable for a moment: retry after `Retry-After` seconds.");
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                asProblem(code, response, path);
            }
        });
        operation.setResponses(responses);
    }

    private static void addIfAbsent(ApiResponses responses, HttpStatus status, String description) {
        responses.computeIfAbsent(String.valueOf(status.value()), code -> new ApiResponse().description(description));
    }

    // Whatever springdoc inferred for an error (often the operation's own return type) is replaced by the problem,
    // with an example of this status.
    private static void asProblem(String code, ApiResponse response, String path) {
        int status = Integer.parseInt(code);
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", known == null ? code : known.getReasonPhrase());
        example.put("status", status);
        example.put("detail", response.getDescription());
        example.put("instance", path);
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "…", "message", "…")));
        }
        // The example before the schema: a schema casts an example to its own type, and a reference has none.
        MediaType problem =
                new MediaType().example(example).schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
        if (code.equals("429") || code.equals("503")) {
            response.setHeaders(Map.of(
                    "Retry-After",
                    new Header()
                            .description("Seconds to wait before trying again")
                            .schema(new IntegerSchema())));
        }
    }

    private static Schema<?> problemSchema() {
        ObjectSchema violation = new ObjectSchema();
        violation.addProperty("field", new StringSchema().description("The field, parameter or path element"));
        violation.addProperty("message", new StringSchema().description("What is wrong with it"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("An error, as RFC 9457 describes it (application/problem+json)");
        problem.addProperty("type", new StringSchema().format("uri").example("about:blank"));
        problem.addProperty("title", new StringSchema().description("The HTTP status phrase"));
        problem.addProperty("status", new IntegerSchema().description("The HTTP status"));
        problem.addProperty("detail", new StringSchema().description("What went wrong, for a person to read"));
        problem.addProperty(
                "instance", new StringSchema().format("uri-reference").description("The request's path"));
        problem.addProperty("errors", new ArraySchema().items(violation).description("The offending fields of a 400"));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }
}
