package com.example.likes.platform.grpc.client;

import com.example.likes.platform.grpc.auth.GrpcClientAuthProperties;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * The channels a service calls other services' gRPC servers on: one per callee, named after it, made by Spring
 * gRPC from {@code spring.grpc.client.channel.<callee>} on first use, shared by every stub of that callee and shut
 * down by Spring.
 *
 * <p>Every call on such a channel carries the channel's default deadline ({@code .default.deadline}, applied by
 * Spring gRPC to each call that sets none) and the key this service presents there
 * ({@code platform.grpc.client.api-keys.<callee>}, see {@code GrpcAuthAutoConfiguration}). A channel that lacks
 * either, or has no settings at all, is refused when it is first asked for, which is when the client that needs it
 * is created: the service does not start, and the message names the setting.
 */
public class GrpcClients {

    private final GrpcChannelFactory factory;
    private final GrpcClientProperties settings;
    private final GrpcClientAuthProperties keys;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public GrpcClients(GrpcChannelFactory factory, GrpcClientProperties settings, GrpcClientAuthProperties keys) {
        this.factory = factory;
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * A stub of one of {@code callee}'s gRPC services on the shared channel, e.g.
     * {@code clients.stub("dashboard-service", UserServiceGrpc::newBlockingStub)}.
     */
    public <S extends AbstractStub<S>> S stub(String callee, Function<? super Channel, S> newStub) {
        return newStub.apply(channel(callee));
    }

    /**
     * The shared channel to {@code callee}, for a client that needs more than stubs (its connectivity state, say).
     * The channel belongs to Spring: never shut it down.
     *
     * @throws IllegalStateException when the channel has no settings, no default deadline or no key
     */
    public ManagedChannel channel(String callee) {
        return channels.computeIfAbsent(callee, name -> {
            deadline(name);
            String key = keys.apiKeys().get(name);
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("platform.grpc.client.api-keys." + name + " is not set: " + name
                        + " refuses a call without this service's key");
            }
            return factory.createChannel(name);
        });
    }

    /**
     * How long a call to {@code callee} may take unless it sets a deadline of its own, retries included.
     *
     * @throws IllegalStateException when the channel has no settings or no default deadline
     */
    public Duration deadline(String callee) {
        GrpcClientProperties.Channel channel = settings.getChannel().get(callee);
        if (channel == null) {
            throw new IllegalStateException("spring.grpc.client.channel." + callee + " is not configured: give it a"
                    + " target, TLS, a default deadline and a key (see docs/adding-a-service.md)");
        }
        Duration deadline = channel.getDefault().getDeadline();
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalStateException("spring.grpc.client.channel." + callee + ".default.deadline is not set:"
                    + " every call to " + callee + " needs a deadline");
        }
        return deadline;
    }
}
