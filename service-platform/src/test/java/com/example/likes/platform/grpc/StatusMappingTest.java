package com.example.likes.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.platform.error.AlreadyExistsException;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.error.PermissionDeniedException;
import com.example.likes.platform.error.RateLimitedException;
import com.example.likes.platform.error.UnauthenticatedException;
import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

class StatusMappingTest {

    static Stream<Arguments> failuresAndTheirCodes() {
        return Stream.of(
                Arguments.of(InvalidInputException.forField("id", "must be a UUID"), Status.Code.INVALID_ARGUMENT),
                Arguments.of(new NotFoundException("Product", "p-1"), Status.Code.NOT_FOUND),
                Arguments.of(new AlreadyExistsException("exists"), Status.Code.ALREADY_EXISTS),
                Arguments.of(new UnauthenticatedException("who?"), Status.Code.UNAUTHENTICATED),
                Arguments.of(new PermissionDeniedException("no"), Status.Code.PERMISSION_DENIED),
                Arguments.of(new RateLimitedException("slow", Duration.ofSeconds(1)), Status.Code.RESOURCE_EXHAUSTED),
                Arguments.of(new UnsupportedOperationException("later"), Status.Code.UNIMPLEMENTED),
                Arguments.of(new TimeoutException(), Status.Code.DEADLINE_EXCEEDED),
                Arguments.of(new QueryTimeoutException("slow"), Status.Code.DEADLINE_EXCEEDED),
                Arguments.of(new CannotCreateTransactionException("db down"), Status.Code.UNAVAILABLE),
                Arguments.of(Status.UNAVAILABLE.asRuntimeException(), Status.Code.UNAVAILABLE),
                Arguments.of(Status.DEADLINE_EXCEEDED.asException(), Status.Code.DEADLINE_EXCEEDED),
                Arguments.of(
                        Status.NOT_FOUND.withDescription("downstream detail").asRuntimeException(),
                        Status.Code.INTERNAL),
                Arguments.of(new IllegalStateException("secret internals"), Status.Code.INTERNAL));
    }

    @ParameterizedTest
    @MethodSource("failuresAndTheirCodes")
    void eachFailureMapsToItsStatusCode(Throwable failure, Status.Code expected) {
        assertThat(StatusMapping.toStatus(failure).getCode()).isEqualTo(expected);
    }

    @Test
    void anUnexpectedFailureRevealsNoInternals() {
        Status status = StatusMapping.toStatus(new IllegalStateException("password=hunter2", new SQLException("x")));

        assertThat(status.getDescription()).isEqualTo("internal error");
        assertThat(status.getCause()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Status.Code.class)
    void noFailureIsEverUnknown(Status.Code downstream) {
        assertThat(StatusMapping.toStatus(Status.fromCode(downstream).asRuntimeException())
                        .getCode())
                .isNotEqualTo(Status.Code.UNKNOWN)
                .isNotEqualTo(Status.Code.OK);
    }

    static Stream<Arguments> codesAndHttpStatuses() {
        return Stream.of(
                Arguments.of(Status.Code.INVALID_ARGUMENT, HttpStatus.BAD_REQUEST),
                Arguments.of(Status.Code.NOT_FOUND, HttpStatus.NOT_FOUND),
                Arguments.of(Status.Code.ALREADY_EXISTS, HttpStatus.CONFLICT),
                Arguments.of(Status.Code.PERMISSION_DENIED, HttpStatus.FORBIDDEN),
                Arguments.of(Status.Code.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED),
                Arguments.of(Status.Code.RESOURCE_EXHAUSTED, HttpStatus.TOO_MANY_REQUESTS),
                Arguments.of(Status.Code.UNIMPLEMENTED, HttpStatus.NOT_IMPLEMENTED),
                Arguments.of(Status.Code.DEADLINE_EXCEEDED, HttpStatus.GATEWAY_TIMEOUT),
                Arguments.of(Status.Code.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE),
                Arguments.of(Status.Code.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR),
                Arguments.of(Status.Code.UNKNOWN, HttpStatus.INTERNAL_SERVER_ERROR));
    }

    @ParameterizedTest
    @MethodSource("codesAndHttpStatuses")
    void eachStatusCodeMapsBackToItsHttpStatus(Status.Code code, HttpStatus expected) {
        assertThat(StatusMapping.toHttpStatus(code)).isEqualTo(expected);
    }

    @Test
    void invalidInputCarriesFieldViolationsInTheStatusDetails() throws Exception {
        var failure = new InvalidInputException(
                "two problems",
                List.of(
                        new InvalidInputException.FieldViolation("id", "must be a UUID"),
                        new InvalidInputException.FieldViolation("user_id", "must be a UUID")));

        StatusException handled = new PlatformGrpcExceptionHandler().handleException(failure);

        assertThat(handled.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(handled.getStatus().getDescription()).isEqualTo("two problems");
        BadRequest details = StatusProto.fromThrowable(handled).getDetails(0).unpack(BadRequest.class);
        assertThat(details.getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getDescription)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "must be a UUID"),
                        org.assertj.core.groups.Tuple.tuple("user_id", "must be a UUID"));
    }

    @Test
    void aRateLimitCarriesItsRetryDelayInRetryInfo() throws Exception {
        StatusException answer =
                StatusMapping.toStatusException(new RateLimitedException("slow down", Duration.ofMillis(1500)));

        assertThat(answer.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        RetryInfo retry = StatusProto.fromThrowable(answer).getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
        assertThat(StatusMapping.retryDelay(answer)).contains(Duration.ofMillis(1500));
    }

    @Test
    void aFailureWithoutRetryInfoHasNoRetryDelay() {
        assertThat(StatusMapping.retryDelay(Status.UNAVAILABLE.asRuntimeException()))
                .isEmpty();
        assertThat(StatusMapping.retryDelay(new IllegalStateException())).isEmpty();
    }

    @Test
    void aFailureWithoutDetailsIsAPlainStatus() {
        StatusException answer = StatusMapping.toStatusException(new AlreadyExistsException("You already liked it"));

        assertThat(answer.getStatus().getDescription()).isEqualTo("You already liked it");
        assertThat(StatusProto.fromThrowable(answer).getDetailsCount()).isZero();
    }

    @Test
    void notFoundNamesTheEntityAndItsIdInResourceInfo() throws Exception {
        StatusException answer = StatusMapping.toStatusException(new NotFoundException("User", "u-1"));

        assertThat(answer.getStatus().getDescription()).isEqualTo("User u-1 not found");
        ResourceInfo missing = StatusProto.fromThrowable(answer).getDetails(0).unpack(ResourceInfo.class);
        assertThat(missing.getResourceType()).isEqualTo("User");
        assertThat(missing.getResourceName()).isEqualTo("u-1");
        assertThat(StatusMapping.missingResource(answer)).contains(missing);
    }

    @Test
    void notFoundWithoutAnIdHasNoResourceInfo() {
        StatusException answer = StatusMapping.toStatusException(new NotFoundException("There are no users"));

        assertThat(StatusProto.fromThrowable(answer).getDetailsCount()).isZero();
        assertThat(StatusMapping.missingResource(answer)).isEmpty();
    }

    @Test
    void onlyANotFoundAnswerNamesAMissingResource() {
        assertThat(StatusMapping.missingResource(Status.UNAVAILABLE.asRuntimeException()))
                .isEmpty();
        assertThat(StatusMapping.missingResource(new IllegalStateException())).isEmpty();
    }
}
