package com.example.likes.benchmarks;

import com.example.likes.benchmarks.load.Target;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.GetUserResponse;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GetUser over gRPC as a service calls it: one long-lived channel (one HTTP/2 connection) shared by every worker, a
 * blocking stub with a deadline per call, the caller's key in {@code x-api-key}.
 */
final class GrpcCalls {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final long DEADLINE_SECONDS = 10;

    private GrpcCalls() {}

    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static Channel withKey(ManagedChannel channel, String key) {
        Metadata headers = new Metadata();
        headers.put(API_KEY, key);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** GetUser of {@code users} in turn; an answer with another user's id is a failure. */
    static Target getUser(Channel channel, List<String> users) {
        UserServiceGrpc.UserServiceBlockingStub stub = UserServiceGrpc.newBlockingStub(channel);
        List<GetUserRequest> requests = users.stream()
                .map(id -> GetUserRequest.newBuilder().setId(id).build())
                .toList();
        return () -> sequence -> {
            GetUserRequest request = requests.get((int) (sequence % requests.size()));
            GetUserResponse response =
                    stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).getUser(request);
            if (!response.getUser().getId().equals(request.getId())) {
                throw new IllegalStateException("asked for " + request.getId() + ", got " + response.getUser());
            }
        };
    }

    static void shutdown(ManagedChannel channel) {
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
