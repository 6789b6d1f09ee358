package com.example.likes.dashboard.product;

import com.example.likes.platform.config.DevelopmentMode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * A link to a product's image, which pages show to every reader: an {@code https://} URL with a host, or empty for
 * no image. In the {@code dev} profile an {@code http://} URL as well (an image server on the developer's machine).
 * Any other scheme ({@code javascript:}, {@code data:}, {@code file:}) or a bare name is refused. A {@code null} is
 * valid here.
 */
@Documented
@Constraint(validatedBy = ImageLink.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@interface ImageLink {

    String message() default "must be an https:// URL, or empty";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's validator factory, which passes the environment: whether http is allowed too. */
    final class Validator implements ConstraintValidator<ImageLink, String> {

        private final boolean httpAllowed;

        Validator(Environment environment) {
            this.httpAllowed = environment.matchesProfiles(DevelopmentMode.PROFILE);
        }

        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            if (value == null || value.isEmpty() || isLink(value)) {
                return true;
            }
            if (httpAllowed) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be an https:// or http:// URL, or empty")
                        .addConstraintViolation();
            }
            return false;
        }

        private boolean isLink(String value) {
            try {
                URI link = new URI(value);
                String scheme = link.getScheme();
                return link.getHost() != null
                        && ("https".equalsIgnoreCase(scheme) || (httpAllowed && "http".equalsIgnoreCase(scheme)));
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
