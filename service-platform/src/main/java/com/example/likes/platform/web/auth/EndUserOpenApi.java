package com.example.likes.platform.web.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * The OpenAPI document's side of the end users' security: a bearer-token scheme ({@value #SCHEME}, so that Swagger
 * UI offers "Authorize"), and on each operation that an anonymous caller may not use, the requirement of a token. Which
 * operations need one is asked of the security filter chain itself ({@link WebInvocationPrivilegeEvaluator}), so the
 * document follows the platform's rules and each service's {@link RestAccessRules} without repeating them.
 */
final class EndUserOpenApi implements GlobalOpenApiCustomizer {

    static final String SCHEME = "bearer";

    // Stands for any id in a path template: the rules name paths, never particular ids.
    private static final String ANY_ID = "00000000-0000-0000-0000-000000000000";

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken(
            "openapi", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final WebInvocationPrivilegeEvaluator privileges;
    private final String issuer;

    EndUserOpenApi(WebInvocationPrivilegeEvaluator privileges, String issuer) {
        this.privileges = privileges;
        this.issuer = issuer;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSecuritySchemes(
                        SCHEME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token (JWT) from " + issuer
                                        + ". In development: one request to the development authorization server's"
                                        + " token endpoint (README, \"Get a token\")."));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            String uri = path.replaceAll("\\{[^}]+}", ANY_ID);
            for (Map.Entry<io.swagger.v3.oas.models.PathItem.HttpMethod, Operation> operation :
                    item.readOperationsMap().entrySet()) {
                if (!privileges.isAllowed("", uri, operation.getKey().name(), ANONYMOUS)) {
                    operation.getValue().addSecurityItem(new SecurityRequirement().addList(SCHEME));
                }
            }
        });
    }
}
