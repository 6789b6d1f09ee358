package com.example.likes.platform.web;

import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.InvalidInputException.FieldViolation;
import com.example.likes.platform.error.OverloadedException;
import com.example.likes.platform.error.RateLimitedException;
import com.example.likes.platform.grpc.StatusMapping;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one REST error handler: every failure becomes {@code application/problem+json} (RFC 9457) with a
 * {@code detail} that names the problem, and validation failures list the offending fields under {@code errors}.
 * Spring MVC's own exceptions (405, 404 for unknown paths, 415 ...) come from {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final WebProperties properties;

    ProblemDetailsAdvice(WebProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler
    ProblemDetail invalidInput(InvalidInputException e) {
        return badRequest(e.getMessage(), e.violations());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    /** The service is at its capacity ({@code admission/}): 503 at once, with when to try again. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> overloaded(OverloadedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail payloadTooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    /**
     * A query or form parameter that Tomcat cannot decode (bad percent-encoding, bytes that are not UTF-8). Tomcat
     * reports it only when the parameters are first read, inside Spring MVC; its message may echo the bytes, so the
     * detail does not repeat it.
     */
    @ExceptionHandler
    ProblemDetail undecodableParameter(InvalidParameterException e) {
        return problem(
                HttpStatus.BAD_REQUEST, "a query parameter cannot be decoded: bad percent-encoding or not UTF-8");
    }

    /**
     * A header that Spring Security's firewall refuses once it is read (a control character in its value): the
     * firewall checks headers when the application asks for them, so the refusal arrives here.
     */
    @ExceptionHandler
    ProblemDetail requestRejected(RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "a header of the request holds characters this API does not accept");
    }

    /**
     * A multipart body that cannot be parsed. No endpoint takes multipart (the platform turns multipart parsing
     * off, so a well-formed one is a 415 like any other content type it does not take); this is the backstop for a
     * service that turns it on. A multipart body over the upload limit is answered 413 by the base class.
     */
    @ExceptionHandler
    ProblemDetail unreadableMultipart(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "the multipart body cannot be parsed; send application/json");
    }

    /**
     * A gRPC call this endpoint made failed: answer with the HTTP status that matches its code. A 503 or 429 says
     * when to retry: as long as the downstream server asked for ({@code google.rpc.RetryInfo}), or the configured
     * {@code platform.web.retry-after}.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> downstreamCallFailed(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        HttpStatus status = StatusMapping.toHttpStatus(code);
        ProblemDetail problem = problem(status, downstreamDetail(e.getStatus()));
        problem.setProperty("grpcStatus", code.name());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.TOO_MANY_REQUESTS) {
            Duration retryAfter = StatusMapping.retryDelay(e).orElse(properties.retryAfter());
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("downstream gRPC call failed", e);
        }
        return response.body(problem);
    }

    /**
     * Every other failure, mapped by the same table as on gRPC ({@link StatusMapping}): not found 404, already
     * exists 409, unauthenticated 401, permission denied 403, not implemented 501, timeout 504, database down 503
     * with {@code Retry-After}, anything else 500 without internals.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> failed(Exception e) {
        // Any other exception of Spring's web layer carries the 4xx it means (the base class lists most of them).
        if (e instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            ProblemDetail body = error.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
            body.setType(ABOUT_BLANK);
            return ResponseEntity.status(error.getStatusCode())
                    .headers(error.getHeaders())
                    .body(body);
        }
        Status status = StatusMapping.toStatus(e);
        HttpStatus httpStatus = StatusMapping.toHttpStatus(status.getCode());
        if (httpStatus == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("request failed", e);
        } else if (httpStatus.is5xxServerError()) {
            log.warn("request failed: {}", e.toString());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(httpStatus);
        if (httpStatus == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(properties.retryAfter()));
        }
        return response.body(problem(httpStatus, status.getDescription()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldViolation(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(badRequest(summary(violations), violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldViolation(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(badRequest(summary(violations), violations));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "a valid value" : "a " + expectedName(type);
        String problem = "must be %s, got '%s'".formatted(expected, e.getValue());
        return ResponseEntity.badRequest()
                .body(badRequest(field + ": " + problem, List.of(new FieldViolation(field, problem))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causeOf(e, PayloadTooLargeException.class) instanceof PayloadTooLargeException tooLarge) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(payloadTooLarge(tooLarge));
        }
        return ResponseEntity.badRequest().body(unreadableBody(e));
    }

    private static ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof StreamReadException json && !(cause instanceof InputCoercionException)) {
            // The parser's own first words name the problem (a duplicated field, an unexpected character ...);
            // what follows them is location detail.
            return problem(HttpStatus.BAD_REQUEST, "malformed JSON: " + firstClause(json.getOriginalMessage()));
        }
        if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = fieldPath(json);
            String problem = switch (json) {
                case UnrecognizedPropertyException u -> "is not a known field";
                case InputCoercionException c -> "is out of range";
                case MismatchedInputException m
                when m.getTargetType() != null -> "must be " + expectedName(m.getTargetType());
                default -> "has an invalid value";
            };
            return badRequest(field + ": " + problem, List.of(new FieldViolation(field, problem)));
        }
        if (cause instanceof InputCoercionException) {
            return problem(HttpStatus.BAD_REQUEST, "a number is out of range");
        }
        return problem(HttpStatus.BAD_REQUEST, "the request body is missing or unreadable");
    }

    private static String firstClause(String text) {
        int end = text.length();
        for (String stop : new String[] {" (", "\n", " at [Source"}) {
            int at = text.indexOf(stop);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        return end <= 200 ? text.substring(0, end) : text.substring(0, 200) + "...";
    }

    private static String fieldPath(JacksonException json) {
        return json.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expectedName(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "UUID" -> "UUID";
            case "long", "Long", "int", "Integer" -> "whole number";
            case "String" -> "string";
            case "boolean", "Boolean" -> "boolean";
            default -> type.getSimpleName();
        };
    }

    private static ProblemDetail badRequest(String detail, List<FieldViolation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty(
                "errors",
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "message", v.message()))
                        .toList());
        return problem;
    }

    /**
     * A problem of the generic type {@code about:blank}: its meaning is its HTTP status, and its {@code title} is
     * the status phrase (RFC 9457, section 4.2.1). Spring leaves the type unset, which would omit it from the JSON.
     */
    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ABOUT_BLANK);
        return problem;
    }

    // Spring MVC's own exceptions (405, 415, 404 for unknown paths ...) come through here.
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(ABOUT_BLANK);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    // Retry-After counts whole seconds; rounding down would invite a retry that is refused again.
    private static String retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }

    private static String summary(List<FieldViolation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }

    /**
     * What the caller of this API can do about a gRPC call that failed, by its code alone: the downstream's own
     * description speaks of the services' internals ("rate limit of product-service for ... reached", "product-service
     * may not call ...") and is never passed on. A service that can say more (which entity was not found) catches the
     * failure and throws an exception of its own instead.
     */
    private static String downstreamDetail(Status status) {
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION ->
                "a service this request needs refused it as invalid";
            case UNAUTHENTICATED, PERMISSION_DENIED ->
                "this service is not allowed to make a call this request needs; the operator must grant it";
            case NOT_FOUND -> "something this request names does not exist";
            case ALREADY_EXISTS, ABORTED -> "this request conflicts with what exists already";
            case RESOURCE_EXHAUSTED -> "a service this request needs is busy; retry after the time in Retry-After";
            case UNIMPLEMENTED -> "a service this request needs does not offer it";
            case UNAVAILABLE -> "a service this request needs is unavailable; retry later";
            case DEADLINE_EXCEEDED -> "a service this request needs did not answer in time";
            default -> "a service this request needs failed";
        };
    }

    private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
