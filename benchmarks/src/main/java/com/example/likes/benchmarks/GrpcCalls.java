package com.example.likes.benchmarks;

import com.example.likes.benchmarks.load.AsyncTarget;
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
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * GetUser over gRPC: one long-lived channel (one HTTP/2 connection) shared by every worker, a deadline per call, the
 * caller's key in {@code x-api-key}. Closed loops use the async stub (no thread per call, as h2load), open loops the
 * blocking stub on a virtual thread per request.
 */
final class GrpcCalls {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final long DEADLINE_SECONDS = 10;

    private GrpcCalls() {}

    /**
     * A plaintext channel whose callbacks run on its Netty event loop ({@code directExecutor}): the async calls then
     * complete without a thread hop, and blocking stubs are not affected (they wait on the calling thread).
     */
    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .directExecutor()
                .build();
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

    /** {@link #getUser} as an async stub, for closed loops without a thread per call. */
    static AsyncTarget getUserAsync(Channel channel, List<String> users) {
        UserServiceGrpc.UserServiceStub stub = UserServiceGrpc.newStub(channel);
        List<GetUserRequest> requests = users.stream()
                .map(id -> GetUserRequest.newBuilder().setId(id).build())
                .toList();
        return sequence -> {
            GetUserRequest request = requests.get((int) (sequence % requests.size()));
            CompletableFuture<GetUserResponse> answered = new CompletableFuture<>();
            stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).getUser(request, new StreamObserver<>() {
                @Override
                public void onNext(GetUserResponse response) {
                    if (response.getUser().getId().equals(request.getId())) {
                        answered.complete(response);
                    } else {
                        answered.completeExceptionally(new IllegalStateException(
                                "asked for " + request.getId() + ", got " + response.getUser()));
                    }
                }

                @Override
                public void onError(Throwable t) {
                    answered.completeExceptionally(t);
                }

                @Override
                public void onCompleted() {
                    answered.complete(null);
                }
            });
            return answered;
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
