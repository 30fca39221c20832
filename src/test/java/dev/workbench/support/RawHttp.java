package dev.workbench.support;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP on a plain socket: a request line sent byte for byte, with no client normalising or encoding
 * the path, and streaming requests a test can walk away from mid-stream, as a closed browser tab does.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code POST path} with the admin's token, a JSON {@code body} and any extra header lines
     * ({@code "Accept: text/event-stream"}), and returns the open socket without reading; closing it
     * is the client going away.
     */
    public static Socket openPost(String path, String body, String... headers) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n")
                .append("Authorization: Bearer ").append(Login.adminToken()).append("\r\n")
                .append("Content-Type: application/json\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
        return socket;
    }

    /** Reads the response until {@code marker} has arrived; fails if the stream ends before. */
    public static String readUntil(Socket socket, String marker) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (!seen.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the stream ended before " + marker + " arrived: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    /** The status code the application answers to {@code method rawTarget} with the given token. */
    public static int status(String method, String rawTarget, String token) throws IOException {
        try (Socket socket = send(method, rawTarget, token)) {
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    /** The whole answer (status line, headers, body) to {@code method rawTarget} with the given token. */
    public static String exchange(String method, String rawTarget, String token) throws IOException {
        try (Socket socket = send(method, rawTarget, token)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code method rawTarget} sent byte for byte, bodiless, the connection closing after the answer;
     * the socket is returned unread, for a test to read the answer as it arrives or walk away.
     */
    public static Socket send(String method, String rawTarget, String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout(10_000);
        String request = method + " " + rawTarget + " HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Length: 0\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }
}
