package com.example.likes.devauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The development identities and the tokens they get.
 *
 * @param userSecret the secret of every development end user ({@code DEV_AUTH_USER_SECRET}), published in
 *     {@code .env.example}
 * @param editorSecret the product editor's secret ({@code DEV_AUTH_EDITOR_SECRET}), published in {@code .env.example}
 * @param audience the {@code aud} claim of every token: the audience the services expect
 *     ({@code PLATFORM_OAUTH2_AUDIENCE})
 * @param tokenTimeToLive how long a token is valid ({@code DEV_AUTH_TOKEN_TIME_TO_LIVE})
 */
@ConfigurationProperties("dev-auth")
record DevClientsProperties(
        String userSecret,
        String editorSecret,
        String audience,
        @DefaultValue("1h") Duration tokenTimeToLive) {

    // The record's generated toString would print the secrets.
    @Override
    public String toString() {
        return "DevClientsProperties[audience=%s, tokenTimeToLive=%s]".formatted(audience, tokenTimeToLive);
    }
}
