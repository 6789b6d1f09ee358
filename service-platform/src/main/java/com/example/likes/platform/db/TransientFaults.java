package com.example.likes.platform.db;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.resilience.retry.MethodRetryPredicate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which database failures are not the caller's and may pass, and which of them a use case may safely run again.
 *
 * <p>Transient (REST answers 503 with {@code Retry-After}, gRPC {@code UNAVAILABLE}): no connection could be had
 * (refused, pool timeout), the connection was lost (what a failover or {@code pg_terminate_backend} does: SQLSTATE
 * class 08, 57P01 to 57P03), the server is out of resources (class 53), or the transaction lost a serialization
 * conflict or a deadlock (40001, 40P01) or waited too long for a lock (55P03), or its commit or rollback failed
 * against a connection that is gone.
 *
 * <p>A use case opts in to one retry with {@code @Retryable(predicate = ...)}, choosing the predicate by what a
 * retry could repeat: {@link NothingCommitted} for any transaction, since those failures prove that nothing was
 * written; {@link AnyTransient} only for a use case whose effect is idempotent (a like, a versioned replica
 * write), because a connection lost during the commit leaves it unknown whether the commit happened.
 */
public final class TransientFaults {

    // Failures after which PostgreSQL has rolled the transaction back, or never began one.
    private static final Set<String> NOTHING_COMMITTED_STATES =
            Set.of("40001", "40P01", "55P03", "08001", "08004", "57P03");

    /**
     * How long a use case waits before its one retry, in milliseconds: long enough for the pool to replace the
     * connections a failover closed, short enough to stay well inside a client's patience.
     */
    public static final long RETRY_DELAY_MILLIS = 200;

    private TransientFaults() {}

    /** Whether {@code failure}, or any of its causes, is a database fault that may pass by itself. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof PessimisticLockingFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() instanceof String state && transientState(state)) {
                return true;
            }
            if (t instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure} proves that its transaction wrote nothing: running it again cannot repeat a write. */
    public static boolean nothingCommitted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof CannotAcquireLockException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() instanceof String state
                    && NOTHING_COMMITTED_STATES.contains(state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(String state) {
        return state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57P")
                || state.equals("40001")
                || state.equals("40P01")
                || state.equals("55P03");
    }

    /** Retries a transaction that failed before it could write anything; safe for every use case. */
    public static final class NothingCommitted implements MethodRetryPredicate {

        @Override
        public boolean shouldRetry(Method method, Throwable failure) {
            return nothingCommitted(failure);
        }
    }

    /** Retries every transient fault; only for use cases whose effect is the same when applied twice. */
    public static final class AnyTransient implements MethodRetryPredicate {

        @Override
        public boolean shouldRetry(Method method, Throwable failure) {
            return isTransient(failure);
        }
    }
}
