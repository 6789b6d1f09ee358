package com.example.likes.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * A string that may be stored: it holds no control character and no unpaired surrogate ({@link TextRule}). A
 * {@code null} is valid here; say {@code @NotNull} where a value is required.
 */
@Documented
@Constraint(validatedBy = StoredText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StoredText {

    String message() default "must not contain control characters or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Applies {@link TextRule#problemWith} and reports its own wording of the problem. */
    final class Validator implements ConstraintValidator<StoredText, String> {

        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            String problem = value == null ? null : TextRule.problemWith(value);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
