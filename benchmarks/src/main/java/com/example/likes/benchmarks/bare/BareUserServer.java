package com.example.likes.benchmarks.bare;

import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.GetUserResponse;
import com.example.likes.protos.dashboard.v1.User;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import com.google.protobuf.Timestamp;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The baseline our gRPC server is measured against: {@code dashboard.v1.UserService/GetUser} on a bare grpc-java
 * server, with nothing the platform adds (no API key, rate limit, call log, metrics or tracing, no Spring).
 * It answers from the dashboard's own table through a HikariCP pool of the dashboard's size (10) with one prepared
 * {@code select}, so that both servers do the same work per call: the difference is the platform and the framework.
 * Runs as its own process, as the dashboard does, started by {@link BareServerProcess}.
 *
 * <p>Arguments: the gRPC port. Environment: {@code BARE_DB_URL}, {@code BARE_DB_USER}, {@code BARE_DB_PASSWORD}.
 */
public final class BareUserServer extends UserServiceGrpc.UserServiceImplBase {

    private static final String BY_ID = "select id, created_at from app_user where id = ?";

    private final HikariDataSource database;

    private BareUserServer(HikariDataSource database) {
        this.database = database;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getenv("BARE_DB_URL"));
        config.setUsername(System.getenv("BARE_DB_USER"));
        config.setPassword(System.getenv("BARE_DB_PASSWORD"));
        config.setMaximumPoolSize(10);
        HikariDataSource database = new HikariDataSource(config);
        Server server = NettyServerBuilder.forPort(Integer.parseInt(args[0]))
                .addService(new BareUserServer(database))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            database.close();
        }));
        System.out.println("bare gRPC server listening on " + server.getPort());
        server.awaitTermination();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(BY_ID)) {
            query.setObject(1, UUID.fromString(request.getId()));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    response.onError(
                            Status.NOT_FOUND.withDescription("no such user").asRuntimeException());
                    return;
                }
                OffsetDateTime created = row.getObject(2, OffsetDateTime.class);
                Timestamp createTime = Timestamp.newBuilder()
                        .setSeconds(created.toEpochSecond())
                        .setNanos(created.getNano())
                        .build();
                User user = User.newBuilder()
                        .setId(row.getObject(1, UUID.class).toString())
                        .setCreateTime(createTime)
                        .build();
                response.onNext(GetUserResponse.newBuilder().setUser(user).build());
                response.onCompleted();
            }
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription("id: must be a UUID")
                    .asRuntimeException());
        } catch (SQLException e) {
            response.onError(Status.UNAVAILABLE.withDescription("database").asRuntimeException());
        }
    }
}
