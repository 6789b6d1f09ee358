package com.example.likes.dashboard.product;

import static org.springframework.security.oauth2.core.authorization.OAuth2AuthorizationManagers.hasScope;

import com.example.likes.platform.web.auth.RestAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may change products: a token with {@value #PRODUCTS_WRITE}, the product editor's permission. */
@Component
class ProductAccess implements RestAccessRules {

    /** The scope that lets a token create, replace, patch and delete products. */
    static final String PRODUCTS_WRITE = "products:write";

    @Override
    public void addTo(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        for (HttpMethod write :
                new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            requests.requestMatchers(write, "/api/products", "/api/products/**").access(hasScope(PRODUCTS_WRITE));
        }
    }
}
