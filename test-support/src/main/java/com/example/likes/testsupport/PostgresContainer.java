package com.example.likes.testsupport;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The tests' Testcontainers mode ({@code TEST_POSTGRES=testcontainers}, needs Docker): PostgreSQL 17 in a container,
 * which Spring Boot's {@link ServiceConnection} makes the service's data source, Flyway's included. In any other
 * mode this configuration adds nothing and {@link TestDatabase} names the server. A service's integration test base
 * class imports it.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "test.postgres", havingValue = TestDatabase.TESTCONTAINERS)
public class PostgresContainer {

    /** The image of the container, the PostgreSQL that compose and the Kubernetes manifests run. */
    static final String IMAGE = "postgres:17-alpine";

    // The service's tables go to the database every PostgreSQL server starts with, so that none has to be made first.
    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer(IMAGE).withDatabaseName("postgres");
    }
}
