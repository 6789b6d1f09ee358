package com.example.likes.dashboard.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.platform.config.DevelopmentMode;
import jakarta.validation.ConstraintValidatorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Answers;
import org.mockito.Mockito;
import org.springframework.mock.env.MockEnvironment;

/** Which image links a product may hold, in development and outside it. */
class ImageLinkTest {

    private final ImageLink.Validator production = new ImageLink.Validator(new MockEnvironment());
    private final ImageLink.Validator development = new ImageLink.Validator(inDevelopment());
    private final ConstraintValidatorContext context =
            Mockito.mock(ConstraintValidatorContext.class, Answers.RETURNS_DEEP_STUBS);

    private static MockEnvironment inDevelopment() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(DevelopmentMode.PROFILE);
        return environment;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://example.com/lamp.png", "HTTPS://EXAMPLE.COM/a?b=c#d", "https://[::1]:8443/x"})
    void anHttpsUrlOrNothingIsAnImageEverywhere(String link) {
        assertThat(production.isValid(link, context)).isTrue();
        assertThat(development.isValid(link, context)).isTrue();
    }

    @Test
    void anHttpUrlIsAnImageInDevelopmentOnly() {
        assertThat(development.isValid("http://localhost:8000/lamp.png", context))
                .isTrue();
        assertThat(production.isValid("http://example.com/lamp.png", context)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "lamp.png",
                "javascript:alert(1)",
                "data:image/png;base64,AA==",
                "ftp://example.com/a",
                "https://"
            })
    void anythingElseIsNoImageAnywhere(String link) {
        assertThat(production.isValid(link, context)).isFalse();
        assertThat(development.isValid(link, context)).isFalse();
    }
}
