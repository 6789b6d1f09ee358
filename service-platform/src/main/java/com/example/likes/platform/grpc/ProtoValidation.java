package com.example.likes.platform.grpc;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.InvalidInputException.FieldViolation;
import com.google.protobuf.Message;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a message against the input rules its contract declares ({@code buf.validate} field options) with
 * protovalidate, and names each broken rule by its field path as the {@code .proto} spells it: {@code product.title},
 * {@code changes[2].create.product.id}. {@link StatusMapping} answers them as {@code INVALID_ARGUMENT} with one
 * {@code google.rpc.BadRequest} field violation each.
 */
public final class ProtoValidation {

    // Thread-safe; it compiles each message type's rules once, on first use.
    private static final Validator VALIDATOR = ValidatorFactory.newBuilder().build();

    private ProtoValidation() {}

    /** Every rule {@code message} breaks, in the order protovalidate reports them; empty when it breaks none. */
    public static List<FieldViolation> violationsOf(Message message) {
        ValidationResult result;
        try {
            result = VALIDATOR.validate(message);
        } catch (ValidationException e) {
            // A rule of the contract itself that does not compile: the server's fault, never the caller's.
            throw new IllegalStateException(
                    "the rules of " + message.getDescriptorForType().getFullName() + " cannot be evaluated", e);
        }
        return result.getViolations().stream()
                .map(violation -> violation.toProto())
                .map(violation -> new FieldViolation(pathOf(violation.getField()), violation.getMessage()))
                .toList();
    }

    /** @throws InvalidInputException naming every broken rule, when {@code message} breaks one */
    public static void check(Message message) {
        List<FieldViolation> violations = violationsOf(message);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
    }

    /** The refusal of {@code violations}, summed up in its message as {@code field: problem; ...}. */
    public static InvalidInputException invalid(List<FieldViolation> violations) {
        String summary =
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return new InvalidInputException(summary, violations);
    }

    private static String pathOf(FieldPath field) {
        StringBuilder path = new StringBuilder();
        for (FieldPathElement element : field.getElementsList()) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(element.getFieldName());
            switch (element.getSubscriptCase()) {
                case INDEX -> path.append('[').append(element.getIndex()).append(']');
                case STRING_KEY ->
                    path.append("[\"").append(element.getStringKey()).append("\"]");
                case INT_KEY -> path.append('[').append(element.getIntKey()).append(']');
                case UINT_KEY -> path.append('[').append(element.getUintKey()).append(']');
                case BOOL_KEY -> path.append('[').append(element.getBoolKey()).append(']');
                case SUBSCRIPT_NOT_SET -> {}
            }
        }
        return path.toString();
    }
}
