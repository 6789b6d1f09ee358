package com.example.likes.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.likes.localstack.LocalPostgres;
import com.example.likes.localstack.StackSettings;
import com.example.likes.platform.grpc.StatusMapping;
import com.example.likes.platform.testapp.TestApp;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every statement has a time limit: PostgreSQL's statement_timeout, set on each pooled connection as it opens
 * ({@code PLATFORM_DB_STATEMENT_TIMEOUT}). A statement past it is cancelled by the server, and the failure maps to
 * DEADLINE_EXCEEDED (REST 504), not to a connection held for as long as the statement would take.
 */
class StatementTimeoutTest {

    private final LocalPostgres postgres = LocalPostgres.start(0, null);
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        postgres.close();
    }

    @Test
    void aStatementPastTheTimeoutIsCancelledAndMapsToDeadlineExceeded() {
        app = TestApp.start(
                StackSettings.freePort(),
                "spring.autoconfigure.exclude=",
                "spring.datasource.url=jdbc:postgresql://localhost:" + postgres.port() + "/postgres",
                "spring.datasource.username=postgres",
                "PLATFORM_DB_STATEMENT_TIMEOUT=1s");
        JdbcClient jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("show statement_timeout").query(String.class).single())
                .isEqualTo("1s");

        long started = System.nanoTime();
        Throwable failure =
                catchThrowable(() -> jdbc.sql("select pg_sleep(10)").query().singleValue());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).isInstanceOf(QueryTimeoutException.class);
        assertThat(took).isLessThan(Duration.ofSeconds(8));
        assertThat(StatusMapping.toStatus(failure).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(StatusMapping.toHttpStatus(Status.Code.DEADLINE_EXCEEDED).value())
                .isEqualTo(504);
    }
}
