package com.example.likes.benchmarks;

import com.example.likes.benchmarks.http.Http1Connection;
import com.example.likes.benchmarks.http.Http1Request;
import com.example.likes.benchmarks.report.Results;
import com.example.likes.benchmarks.wire.CountingProxy;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.GetUserResponse;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Scenario d: the same GetUser sent {@code calls} times, one after the other on one connection, through a
 * {@link CountingProxy}, after a few calls that open the connection (its handshake, HTTP/2 settings and the first
 * header-table entries are not per call). Counts every byte TCP carried each way, divided by the calls.
 */
final class WireBytes {

    private static final int WARM_CALLS = 20;

    private WireBytes() {}

    static Results.WireBytes grpc(int port, String key, String userId, int calls) throws IOException {
        try (CountingProxy proxy = new CountingProxy(RestCalls.HOST, port)) {
            ManagedChannel channel = GrpcCalls.channel(proxy.port());
            try {
                UserServiceGrpc.UserServiceBlockingStub stub =
                        UserServiceGrpc.newBlockingStub(GrpcCalls.withKey(channel, key));
                GetUserRequest request =
                        GetUserRequest.newBuilder().setId(userId).build();
                GetUserResponse response = null;
                for (int i = 0; i < WARM_CALLS + calls; i++) {
                    if (i == WARM_CALLS) {
                        settle();
                        proxy.reset();
                    }
                    response = stub.withDeadlineAfter(10, TimeUnit.SECONDS).getUser(request);
                }
                settle();
                return new Results.WireBytes(
                        "gRPC (HTTP/2, protobuf)",
                        calls,
                        proxy.bytesToServer() / (double) calls,
                        proxy.bytesToClient() / (double) calls,
                        "request message %d B, response message %d B"
                                .formatted(request.getSerializedSize(), response.getSerializedSize()));
            } finally {
                GrpcCalls.shutdown(channel);
            }
        }
    }

    static Results.WireBytes rest(int port, String userId, int calls) throws IOException {
        try (CountingProxy proxy = new CountingProxy(RestCalls.HOST, port)) {
            byte[] request = Http1Request.get(RestCalls.HOST, proxy.port(), "/api/users/" + userId);
            Http1Connection connection = Http1Connection.open(RestCalls.HOST, proxy.port());
            Http1Connection.HttpResponse response = null;
            for (int i = 0; i < WARM_CALLS + calls; i++) {
                if (i == WARM_CALLS) {
                    settle();
                    proxy.reset();
                }
                if (!connection.isOpen()) {
                    connection.close();
                    connection = Http1Connection.open(RestCalls.HOST, proxy.port());
                }
                response = connection.exchange(request);
            }
            connection.close();
            settle();
            return new Results.WireBytes(
                    "REST (HTTP/1.1, JSON)",
                    calls,
                    proxy.bytesToServer() / (double) calls,
                    proxy.bytesToClient() / (double) calls,
                    "request body 0 B (a GET), response body %d B; reconnects after every 100 requests (Tomcat's default)"
                            .formatted(response.body().length));
        }
    }

    // The proxy's pumps may still be copying the last bytes; they are on this machine, so a moment is plenty.
    private static void settle() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
