package com.example.likes.benchmarks.clients;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 keep-alive client on Netty for one server: one request in flight per connection, idle connections
 * reused, a new one opened when none is idle (so N concurrent callers hold N connections, as wrk's do). Netty, as
 * the gRPC client is, so that neither protocol is measured through a heavier client than the other.
 */
public final class Http implements AutoCloseable {

    /** A response: its status, body, and whether it carried {@code Retry-After}. */
    public record Response(int status, String body, boolean retryAfter) {}

    private static final AttributeKey<CompletableFuture<Response>> PENDING = AttributeKey.valueOf("pending");
    private static final long TIMEOUT_SECONDS = 10;

    private final String authority;
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Queue<Channel> idle = new ConcurrentLinkedQueue<>();
    private final Bootstrap bootstrap;

    public Http(int port) {
        this.authority = "127.0.0.1:" + port;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress("127.0.0.1", port)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                });
    }

    /** A GET, with {@code Authorization: Bearer <token>} unless the token is null (a public read). */
    public CompletableFuture<Response> get(String path, String token) {
        return send(HttpMethod.GET, path, null, token);
    }

    /** A POST with {@code Authorization: Bearer <token>}: every write needs one. */
    public CompletableFuture<Response> post(String path, String json, String token) {
        return send(HttpMethod.POST, path, json, token);
    }

    /** Sends a request; the future fails on a broken connection or after 10 s without a response. */
    private CompletableFuture<Response> send(HttpMethod method, String path, String json, String token) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, authority)
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (json != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        if (token != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        CompletableFuture<Response> response = new CompletableFuture<>();
        Channel channel;
        while ((channel = idle.poll()) != null && !channel.isActive()) {
            // closed by the server while idle: drop it
        }
        if (channel != null) {
            write(channel, request, response);
        } else {
            bootstrap.connect().addListener((ChannelFuture connected) -> {
                if (connected.isSuccess()) {
                    write(connected.channel(), request, response);
                } else {
                    request.release();
                    response.completeExceptionally(connected.cause());
                }
            });
        }
        return response.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void write(Channel channel, FullHttpRequest request, CompletableFuture<Response> response) {
        channel.attr(PENDING).set(response);
        // A response that never comes leaves its connection unusable: close it.
        response.whenComplete((answered, failure) -> {
            if (failure != null) {
                channel.close();
            }
        });
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                response.completeExceptionally(written.cause());
            }
        });
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse message) {
            CompletableFuture<Response> response =
                    context.channel().attr(PENDING).getAndSet(null);
            Response read = new Response(
                    message.status().code(),
                    message.content().toString(StandardCharsets.UTF_8),
                    message.headers().contains(HttpHeaderNames.RETRY_AFTER));
            if (HttpUtil.isKeepAlive(message)) {
                idle.add(context.channel());
            } else {
                context.close();
            }
            if (response != null) {
                response.complete(read);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            fail(context, new ClosedChannelException());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            fail(context, cause);
            context.close();
        }

        private void fail(ChannelHandlerContext context, Throwable cause) {
            CompletableFuture<Response> response =
                    context.channel().attr(PENDING).getAndSet(null);
            if (response != null) {
                response.completeExceptionally(cause);
            }
        }
    }
}
