package com.example.likes.benchmarks.clients;

import com.example.likes.benchmarks.load.Outcome;
import com.example.likes.benchmarks.load.Target;
import com.example.likes.protos.dashboard.v1.GetUserRequest;
import com.example.likes.protos.dashboard.v1.GetUserResponse;
import com.example.likes.protos.dashboard.v1.UserServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * GetUser over gRPC as product-service calls it: one long-lived channel (one HTTP/2 connection) shared by every
 * caller, the caller's key in {@code x-api-key}, a deadline on every call. Async stubs with a direct executor, so
 * that a call completes on the channel's event loop without a thread of its own.
 */
public final class GrpcCalls {

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final long DEADLINE_SECONDS = 10;

    private GrpcCalls() {}

    public static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .directExecutor()
                .build();
    }

    public static Channel withKey(Channel channel, String key) {
        Metadata headers = new Metadata();
        headers.put(API_KEY, key);
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** GetUser of each of {@code users} in turn; an answer naming another user is an error. */
    public static Target getUser(Channel channel, List<String> users) {
        UserServiceGrpc.UserServiceStub stub = UserServiceGrpc.newStub(channel);
        List<GetUserRequest> requests = users.stream()
                .map(id -> GetUserRequest.newBuilder().setId(id).build())
                .toList();
        return sequence -> {
            GetUserRequest request = requests.get((int) (sequence % requests.size()));
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).getUser(request, new StreamObserver<>() {
                @Override
                public void onNext(GetUserResponse response) {
                    if (!response.getUser().getId().equals(request.getId())) {
                        outcome.completeExceptionally(new IllegalStateException("asked for " + request.getId()
                                + ", got " + response.getUser().getId()));
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    if (Outcome.ofGrpc(Status.fromThrowable(failure).getCode()) == Outcome.REFUSED) {
                        outcome.complete(Outcome.REFUSED);
                    } else {
                        outcome.completeExceptionally(failure);
                    }
                }

                @Override
                public void onCompleted() {
                    outcome.complete(Outcome.ANSWERED);
                }
            });
            return outcome;
        };
    }

    public static void shutdown(ManagedChannel channel) {
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
