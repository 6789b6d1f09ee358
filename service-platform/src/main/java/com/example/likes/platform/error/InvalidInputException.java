package com.example.likes.platform.error;

import java.util.List;

/**
 * The caller sent input that breaks a rule. REST answers 400 with the offending fields, gRPC answers
 * {@code INVALID_ARGUMENT} with {@code google.rpc.BadRequest} field violations.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidInputException(String message, List<FieldViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** One field that breaks a rule, named as the caller sent it. */
    public static InvalidInputException forField(String field, String problem) {
        return new InvalidInputException(field + ": " + problem, List.of(new FieldViolation(field, problem)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** A field the caller sent and what is wrong with it. */
    public record FieldViolation(String field, String message) {}
}
