package com.example.likes.benchmarks.http;

import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests as bytes, built once and sent as often as needed. The headers are the few a JSON client needs:
 * {@code Host}, {@code Accept}, and for a body its type and length.
 */
public final class Http1Request {

    private Http1Request() {}

    public static byte[] get(String host, int port, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] post(String host, int port, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }
}
