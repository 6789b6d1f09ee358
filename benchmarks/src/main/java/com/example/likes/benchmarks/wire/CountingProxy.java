package com.example.likes.benchmarks.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free local port that forwards every connection to {@code target} and counts the bytes that pass
 * each way: what a client and a server really send each other, framing, headers and all (TCP/IP headers excepted).
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();

    public CountingProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("counting-proxy").start(() -> acceptLoop(targetHost, targetPort));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes from clients to the server since the last {@link #reset()}. */
    public long bytesToServer() {
        return toServer.get();
    }

    /** Bytes from the server to clients since the last {@link #reset()}. */
    public long bytesToClient() {
        return toClient.get();
    }

    public void reset() {
        toServer.set(0);
        toClient.set(0);
    }

    private void acceptLoop(String host, int port) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(host, port), 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> pump(client, upstream, toServer));
                Thread.ofVirtual().start(() -> pump(upstream, client, toClient));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("counting proxy: " + e.getMessage());
                }
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[16 * 1024];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                counter.addAndGet(n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // one side hung up: closing both ends is all there is to do
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
