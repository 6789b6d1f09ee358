package com.example.likes.platform.grpc;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.CompilationException;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.InvalidInputException.FieldViolation;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    // The ranges the well-known types' own documentation gives: 0001-01-01 to 9999-12-31, 10,000 years.
    private static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
    private static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L;
    private static final int MAX_NANOS = 999_999_999;

    private ProtoValidation() {}

    /**
     * Every rule {@code message} breaks, in the order protovalidate reports them; empty when it breaks none. A
     * {@code Timestamp} or {@code Duration} outside its own type's range (nanos beyond a second, seconds beyond the
     * years 1 to 9999) is named first: protovalidate cannot compare such a value, so it checks the rest of the message
     * with the epoch in its place.
     */
    public static List<FieldViolation> violationsOf(Message message) {
        List<FieldViolation> violations = new ArrayList<>();
        Message checkable = withMalformedTimesReplaced(message, "", violations);
        List<String> malformed = violations.stream().map(FieldViolation::field).toList();
        ValidationResult result;
        try {
            result = VALIDATOR.validate(checkable);
        } catch (CompilationException e) {
            // A rule of the contract itself that does not compile: the server's fault, never the caller's.
            throw new IllegalStateException(
                    "the rules of " + message.getDescriptorForType().getFullName() + " cannot be compiled", e);
        } catch (ValidationException e) {
            // A value a rule cannot be evaluated on is the caller's; which field holds it, protovalidate does not say.
            throw invalid(List.of(new FieldViolation(
                    message.getDescriptorForType().getName(), "holds a value its rules cannot check")));
        }
        result.getViolations().stream()
                .map(violation -> violation.toProto())
                .map(violation -> new FieldViolation(pathOf(violation.getField()), violation.getMessage()))
                .filter(violation -> !malformed.contains(violation.field()))
                .forEach(violations::add);
        return violations;
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

    // A copy of message in which each malformed Timestamp or Duration is the epoch (or zero), each one named in
    // malformed; the message itself when it holds none.
    private static Message withMalformedTimesReplaced(Message message, String path, List<FieldViolation> malformed) {
        Message.Builder copy = null;
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            String fieldPath = path.isEmpty() ? descriptor.getName() : path + "." + descriptor.getName();
            if (descriptor.isRepeated()) {
                List<?> values = (List<?>) field.getValue();
                for (int i = 0; i < values.size(); i++) {
                    Message value = (Message) values.get(i);
                    Message checkable = checkable(value, fieldPath + "[" + i + "]", malformed);
                    if (checkable != value) {
                        copy = copy == null ? message.toBuilder() : copy;
                        copy.setRepeatedField(descriptor, i, checkable);
                    }
                }
            } else {
                Message value = (Message) field.getValue();
                Message checkable = checkable(value, fieldPath, malformed);
                if (checkable != value) {
                    copy = copy == null ? message.toBuilder() : copy;
                    copy.setField(descriptor, checkable);
                }
            }
        }
        return copy == null ? message : copy.build();
    }

    private static Message checkable(Message value, String path, List<FieldViolation> malformed) {
        if (value instanceof Timestamp timestamp && !isValid(timestamp)) {
            malformed.add(new FieldViolation(
                    path, "must be a valid timestamp: years 1 to 9999, nanos from 0 to 999,999,999"));
            return Timestamp.getDefaultInstance();
        }
        if (value instanceof Duration duration && !isValid(duration)) {
            malformed.add(new FieldViolation(
                    path, "must be a valid duration: at most 10,000 years, nanos of the seconds' sign"));
            return Duration.getDefaultInstance();
        }
        return withMalformedTimesReplaced(value, path, malformed);
    }

    private static boolean isValid(Timestamp timestamp) {
        return timestamp.getSeconds() >= MIN_TIMESTAMP_SECONDS
                && timestamp.getSeconds() <= MAX_TIMESTAMP_SECONDS
                && timestamp.getNanos() >= 0
                && timestamp.getNanos() <= MAX_NANOS;
    }

    private static boolean isValid(Duration duration) {
        long seconds = duration.getSeconds();
        int nanos = duration.getNanos();
        return Math.abs(seconds) <= MAX_DURATION_SECONDS
                && Math.abs(nanos) <= MAX_NANOS
                && !(seconds < 0 && nanos > 0)
                && !(seconds > 0 && nanos < 0);
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
