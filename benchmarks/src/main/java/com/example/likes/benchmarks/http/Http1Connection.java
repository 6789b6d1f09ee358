package com.example.likes.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends prepared requests and reads whole responses: what {@code wrk} does,
 * and about the least work a client can do per request, so that REST is not slowed by its client. Not thread-safe:
 * one request at a time, as HTTP/1.1 without pipelining allows.
 */
public final class Http1Connection implements Closeable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder line = new StringBuilder(128);
    private boolean open = true;

    private Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    public static Http1Connection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        return new Http1Connection(socket);
    }

    /** Whether the server kept the connection open after the last response. */
    public boolean isOpen() {
        return open;
    }

    /** Sends one request (as {@link Http1Request} builds it) and reads its response. */
    public HttpResponse exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int status = statusOf(readLine());
        long contentLength = -1;
        boolean chunked = false;
        String header;
        while (!(header = readLine()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                open = false;
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("the connection closed in the middle of a response body");
            }
        } else {
            body = new byte[0];
        }
        return new HttpResponse(status, body);
    }

    private byte[] readChunked() throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String size = readLine();
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: none that matter here
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            readLine();
        }
    }

    private static int statusOf(String statusLine) throws IOException {
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private String readLine() throws IOException {
        line.setLength(0);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                open = false;
                throw new EOFException("the server closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        open = false;
        socket.close();
    }

    /** A response: its status and body. */
    public record HttpResponse(int status, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
