package com.example.likes.platform.grpc;

import com.example.likes.platform.error.AlreadyExistsException;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.error.PermissionDeniedException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one table that maps failures to gRPC status codes, and gRPC status codes to HTTP statuses.
 * Both directions live here so that a service never decides a status code on its own.
 */
public final class StatusMapping {

    private StatusMapping() {}

    /** The status a gRPC server answers for an exception; never {@code UNKNOWN}, never internals. */
    public static Status toStatus(Throwable failure) {
        return switch (failure) {
            case InvalidInputException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            case NotFoundException e -> Status.NOT_FOUND.withDescription(e.getMessage());
            case AlreadyExistsException e -> Status.ALREADY_EXISTS.withDescription(e.getMessage());
            case PermissionDeniedException e -> Status.PERMISSION_DENIED.withDescription(e.getMessage());
            case UnsupportedOperationException e -> Status.UNIMPLEMENTED.withDescription("not implemented");
            case TimeoutException e -> Status.DEADLINE_EXCEEDED.withDescription("timed out");
            case QueryTimeoutException e -> Status.DEADLINE_EXCEEDED.withDescription("database query timed out");
            case CannotCreateTransactionException e -> Status.UNAVAILABLE.withDescription("database unavailable");
            case TransientDataAccessException e -> Status.UNAVAILABLE.withDescription("database unavailable");
            case StatusRuntimeException e -> downstream(e.getStatus());
            case StatusException e -> downstream(e.getStatus());
            default -> Status.INTERNAL.withDescription("internal error");
        };
    }

    /**
     * The HTTP status that a REST endpoint answers when a gRPC call it made failed with {@code code}.
     */
    public static HttpStatus toHttpStatus(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_EXISTS, ABORTED -> HttpStatus.CONFLICT;
            case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
            case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    // A status that came back from a call this server made: keep the code that tells the caller what to do
    // (retry later, give up), but not the downstream's description, which may name its internals.
    private static Status downstream(Status status) {
        return switch (status.getCode()) {
            case UNAVAILABLE -> Status.UNAVAILABLE.withDescription("a downstream service is unavailable");
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED.withDescription("a downstream call timed out");
            case CANCELLED -> Status.CANCELLED.withDescription("cancelled");
            default -> Status.INTERNAL.withDescription("a downstream call failed");
        };
    }
}
