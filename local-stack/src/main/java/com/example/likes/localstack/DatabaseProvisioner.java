package com.example.likes.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates a service's database and the role that owns it on a PostgreSQL server, through an administrator
 * connection. Running it again changes nothing, so a restart of the local stack keeps its data.
 *
 * @param adminJdbcUrl a JDBC URL of any database on the server, for example
 *     {@code jdbc:postgresql://localhost:5432/postgres}
 * @param adminUser a role allowed to create roles and databases
 * @param adminPassword that role's password (empty when the server trusts local connections)
 */
public record DatabaseProvisioner(String adminJdbcUrl, String adminUser, String adminPassword) {

    /** Creates role {@code user} with {@code password} and database {@code database} owned by it, unless they exist. */
    public void ensureDatabase(String database, String user, String password) {
        requireIdentifier(database);
        requireIdentifier(user);
        try (Connection admin = DriverManager.getConnection(adminJdbcUrl, adminUser, adminPassword);
                Statement statement = admin.createStatement()) {
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", user)) {
                statement.execute("create role %s login password '%s'".formatted(user, password.replace("'", "''")));
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                statement.execute("create database %s owner %s".formatted(database, user));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code database} if it exists, disconnecting whoever is still connected to it. */
    public void dropDatabase(String database) {
        requireIdentifier(database);
        try (Connection admin = DriverManager.getConnection(adminJdbcUrl, adminUser, adminPassword);
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists %s with (force)".formatted(database));
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + database + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of {@code database} on the same server as the administrator URL. */
    public String jdbcUrlOf(String database) {
        int slash = adminJdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminJdbcUrl.indexOf('?', slash);
        return adminJdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminJdbcUrl.substring(query));
    }

    private static boolean exists(Connection admin, String sql, String name) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(sql)) {
            query.setString(1, name);
            return query.executeQuery().next();
        }
    }

    // Role and database names cannot be bound as parameters, so only plain identifiers are let through.
    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lower-case identifier: " + name);
        }
    }
}
