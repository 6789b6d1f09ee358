package com.example.likes.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class TransientFaultsTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P03", "53300", "40001", "40P01", "55P03"})
    void aConnectionOrConcurrencyFaultDeepInTheCausesIsTransient(String sqlState) {
        var failure = new RuntimeException("wrapper", new IllegalStateException(new SQLException("x", sqlState)));

        assertThat(TransientFaults.isTransient(failure)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "22021", "42P01"})
    void aConstraintOrSyntaxErrorIsNotTransient(String sqlState) {
        var failure = new DataIntegrityViolationException("x", new SQLException("x", sqlState));

        assertThat(TransientFaults.isTransient(failure)).isFalse();
        assertThat(TransientFaults.nothingCommitted(failure)).isFalse();
    }

    @Test
    void aDriverErrorWithoutSqlStateIsNeitherTransientNorRetried() {
        var failure = new RuntimeException(new SQLException("no state"));

        assertThat(TransientFaults.isTransient(failure)).isFalse();
        assertThat(TransientFaults.nothingCommitted(failure)).isFalse();
    }

    @Test
    void aRollbackOrCommitThatFailedOnAClosedConnectionIsTransientButMayHaveCommitted() {
        var failure = new TransactionSystemException(
                "Could not roll back JDBC transaction", new SQLException("Connection is closed"));

        assertThat(TransientFaults.isTransient(failure)).isTrue();
        assertThat(TransientFaults.nothingCommitted(failure)).isFalse();
    }

    @Test
    void aLostConnectionMayHaveCommittedSoOnlyIdempotentUseCasesRetryIt() {
        var failure = new RuntimeException(new SQLException("terminating connection", "57P01"));

        assertThat(new TransientFaults.AnyTransient().shouldRetry(null, failure))
                .isTrue();
        assertThat(new TransientFaults.NothingCommitted().shouldRetry(null, failure))
                .isFalse();
    }

    @Test
    void noConnectionASerializationFailureOrADeadlockProveNothingWasWritten() {
        assertThat(TransientFaults.nothingCommitted(
                        new CannotCreateTransactionException("x", new SQLTransientConnectionException("pool timeout"))))
                .isTrue();
        assertThat(TransientFaults.nothingCommitted(new RuntimeException(new SQLException("x", "40001"))))
                .isTrue();
        assertThat(TransientFaults.nothingCommitted(new RuntimeException(new SQLException("x", "40P01"))))
                .isTrue();
    }
}
