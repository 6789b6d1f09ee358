package com.example.likes.dashboard.user;

import static org.springframework.security.oauth2.core.authorization.OAuth2AuthorizationManagers.hasScope;

import com.example.likes.platform.web.auth.RestAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may use {@code /api/users}: anyone with a token registers themselves ({@code POST}, the platform's rule for
 * writes) and reads themselves; listing every user needs {@value #USERS_READ}, and so does reading another user
 * ({@link UserService#getAs}).
 */
@Component
class UserAccess implements RestAccessRules {

    /** The scope that lets a token list every user and read any of them. */
    static final String USERS_READ = "users:read";

    @Override
    public void addTo(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/api/users")
                .access(hasScope(USERS_READ))
                .requestMatchers(HttpMethod.GET, "/api/users/*")
                .authenticated();
    }
}
