package com.example.likes.devauth;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops a start outside the {@code dev} profile, before anything listens: every secret this server knows is published
 * in {@code .env.example}, so a token it signs proves nothing outside development. A deployment names its own
 * identity provider instead ({@code PLATFORM_OAUTH2_ISSUER_URI}).
 */
public class DevelopmentOnly implements EnvironmentPostProcessor {

    static final String PROFILE = "dev";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles(PROFILE)) {
            throw new IllegalStateException(
                    "The development authorization server runs only in the dev profile"
                            + " (SPRING_PROFILES_ACTIVE=dev): the secrets of its clients are published in .env.example."
                            + " Outside development, point the services at your identity provider (PLATFORM_OAUTH2_ISSUER_URI).");
        }
    }
}
