package com.example.likes.platform.testapp;

import com.example.likes.platform.error.AlreadyExistsException;
import com.example.likes.platform.error.InvalidInputException;
import com.example.likes.platform.error.NotFoundException;
import com.example.likes.platform.error.PermissionDeniedException;
import com.example.likes.platform.error.RateLimitedException;
import com.example.likes.platform.error.UnauthenticatedException;
import io.grpc.Status;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The failures a service may throw, by name, so that a test can ask the test service for any of them. */
public final class Failures {

    private Failures() {}

    public static Exception named(String name) {
        return switch (name) {
            case "invalid" ->
                new InvalidInputException(
                        "id: must be a UUID; size: must be 1 or more",
                        List.of(
                                new InvalidInputException.FieldViolation("id", "must be a UUID"),
                                new InvalidInputException.FieldViolation("size", "must be 1 or more")));
            case "not-found" -> new NotFoundException("Product", "p-1");
            case "exists" -> new AlreadyExistsException("You already liked this product");
            case "unauthenticated" -> new UnauthenticatedException("who are you?");
            case "denied" -> new PermissionDeniedException("not for you");
            case "rate-limited" -> new RateLimitedException("slow down", Duration.ofMillis(2500));
            case "unimplemented" -> new UnsupportedOperationException("later");
            case "timeout" -> new TimeoutException("took too long");
            case "query-timeout" -> new QueryTimeoutException("slow query");
            case "db-down" -> new CannotCreateTransactionException("connection refused");
            case "db-connection-lost" ->
                new DataAccessResourceFailureException(
                        "could not execute statement",
                        new SQLException("terminating connection due to administrator command", "57P01"));
            case "db-pool-timeout" ->
                new CannotCreateTransactionException(
                        "could not open connection",
                        new SQLTransientConnectionException("pool - connection is not available"));
            case "db-deadlock" ->
                new PessimisticLockingFailureException(
                        "could not execute statement", new SQLException("deadlock detected", "40P01"));
            case "db-serialization" ->
                new IllegalStateException(
                        "a persistence wrapper", new SQLException("could not serialize access", "40001"));
            case "db-io" -> new RuntimeException("a JDBC wrapper", new SQLException("An I/O error occurred", "08006"));
            case "downstream-unavailable" ->
                Status.UNAVAILABLE.withDescription("10.0.0.7 refused").asRuntimeException();
            case "bug" -> new IllegalStateException("password=hunter2 in a stack trace");
            default -> throw new IllegalArgumentException("no failure named " + name);
        };
    }

    /** Throws {@code failure} as it is, checked or not, from code that may only throw unchecked exceptions. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
