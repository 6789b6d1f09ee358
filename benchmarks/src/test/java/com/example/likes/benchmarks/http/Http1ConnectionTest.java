package com.example.likes.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Http1ConnectionTest {

    @Test
    void readsResponsesWithALengthAndChunkedOnesOnOneKeptAliveConnection() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"id\":\"a\"}\n",
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"id\r\n5\r\n\":1}\n\r\n0\r\n\r\n",
                "HTTP/1.1 404 \r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answer(server, answers));
            Http1Connection connection = Http1Connection.open("127.0.0.1", server.getLocalPort());
            byte[] request = Http1Request.get("127.0.0.1", server.getLocalPort(), "/api/users/a");

            Http1Connection.HttpResponse first = connection.exchange(request);
            Http1Connection.HttpResponse second = connection.exchange(request);
            assertThat(connection.isOpen()).isTrue();
            Http1Connection.HttpResponse third = connection.exchange(request);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).isEqualTo("{\"id\":\"a\"}\n");
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.text()).isEqualTo("{\"id\":1}\n");
            assertThat(third.status()).isEqualTo(404);
            assertThat(connection.isOpen()).isFalse();
            connection.close();
        }
    }

    @Test
    void aPostCarriesItsJsonBodyWithItsLength() {
        String request = new String(
                Http1Request.post("127.0.0.1", 8082, "/api/products/p/like", "{\"userId\":\"ü\"}"),
                StandardCharsets.UTF_8);

        assertThat(request)
                .startsWith("POST /api/products/p/like HTTP/1.1\r\nHost: 127.0.0.1:8082\r\n")
                .contains("Content-Type: application/json\r\nContent-Length: 15\r\n\r\n")
                .endsWith("\r\n\r\n{\"userId\":\"ü\"}");
    }

    private static void answer(ServerSocket server, List<String> answers) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            for (String answer : answers) {
                readRequestHead(in);
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client went away");
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
