package com.example.likes.platform.grpc;

import com.example.likes.platform.db.TransientFaults;
import com.example.likes.platform.error.AlreadyExistsException;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.error.OverloadedException;
import com.example.likes.platform.error.PermissionDeniedException;
import com.example.likes.platform.error.RateLimitedException;
import com.example.likes.platform.error.UnauthenticatedException;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
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
            case UnauthenticatedException e -> Status.UNAUTHENTICATED.withDescription(e.getMessage());
            case PermissionDeniedException e -> Status.PERMISSION_DENIED.withDescription(e.getMessage());
            case AuthenticationException e -> Status.UNAUTHENTICATED.withDescription(e.getMessage());
            case AccessDeniedException e -> Status.PERMISSION_DENIED.withDescription(e.getMessage());
            case RateLimitedException e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
            case OverloadedException e -> Status.UNAVAILABLE.withDescription(e.getMessage());
            case UnsupportedOperationException e -> Status.UNIMPLEMENTED.withDescription("not implemented");
            case TimeoutException e -> Status.DEADLINE_EXCEEDED.withDescription("timed out");
            case QueryTimeoutException e -> Status.DEADLINE_EXCEEDED.withDescription("database query timed out");
            case CannotCreateTransactionException e -> Status.UNAVAILABLE.withDescription("database unavailable");
            case TransientDataAccessException e -> Status.UNAVAILABLE.withDescription("database unavailable");
            case StatusRuntimeException e -> downstream(e.getStatus());
            case StatusException e -> downstream(e.getStatus());
            case Throwable e
            when TransientFaults.isTransient(e) -> Status.UNAVAILABLE.withDescription("database unavailable");
            default -> Status.INTERNAL.withDescription("internal error");
        };
    }

    /**
     * {@link #toStatus} with the details a client can act on, as a {@code google.rpc.Status} in the
     * {@code grpc-status-details-bin} trailer: {@code google.rpc.BadRequest} field violations for invalid input,
     * {@code google.rpc.RetryInfo} for a rate limit and for a service at its capacity, {@code google.rpc.ResourceInfo}
     * naming the entity that was not found. Interceptors that reject a call answer with this too.
     */
    public static StatusException toStatusException(Throwable failure) {
        Status status = toStatus(failure);
        Any detail = switch (failure) {
            case InvalidInputException invalid -> Any.pack(fieldViolations(invalid));
            case RateLimitedException limited -> Any.pack(retryInfo(limited.retryAfter()));
            case OverloadedException overloaded -> Any.pack(retryInfo(overloaded.retryAfter()));
            case NotFoundException missing
            when missing.entity() != null ->
                Any.pack(ResourceInfo.newBuilder()
                        .setResourceType(missing.entity())
                        .setResourceName(missing.id())
                        .build());
            default -> null;
        };
        if (detail == null) {
            return status.asException();
        }
        return StatusProto.toStatusException(com.google.rpc.Status.newBuilder()
                .setCode(status.getCode().value())
                .setMessage(status.getDescription())
                .addDetails(detail)
                .build());
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

    /** How long the server that failed a call asked the caller to wait, from its {@code google.rpc.RetryInfo}. */
    public static Optional<Duration> retryDelay(Throwable grpcFailure) {
        return detail(grpcFailure, RetryInfo.class)
                .map(info -> Duration.ofSeconds(
                        info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos()));
    }

    /**
     * Which entity a {@code NOT_FOUND} answer says is unknown ({@code resource_type} {@code "User"}, {@code "Product"}
     * ...), from its {@code google.rpc.ResourceInfo}; empty for any other answer.
     */
    public static Optional<ResourceInfo> missingResource(Throwable grpcFailure) {
        if (Status.fromThrowable(grpcFailure).getCode() != Status.Code.NOT_FOUND) {
            return Optional.empty();
        }
        return detail(grpcFailure, ResourceInfo.class);
    }

    private static <T extends Message> Optional<T> detail(Throwable grpcFailure, Class<T> type) {
        com.google.rpc.Status rich = StatusProto.fromThrowable(grpcFailure);
        if (rich == null) {
            return Optional.empty();
        }
        for (Any detail : rich.getDetailsList()) {
            if (detail.is(type)) {
                try {
                    return Optional.of(detail.unpack(type));
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
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

    private static BadRequest fieldViolations(InvalidInputException invalid) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        invalid.violations()
                .forEach(v -> badRequest
                        .addFieldViolationsBuilder()
                        .setField(v.field())
                        .setDescription(v.message()));
        return badRequest.build();
    }

    private static RetryInfo retryInfo(Duration retryAfter) {
        return RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(retryAfter.getSeconds())
                        .setNanos(retryAfter.getNano()))
                .build();
    }
}
