package dev.workbench.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@code /ws} upgrades for the CORS origins and for clients that send none, and refuses other
 * browser origins before the upgrade; a client that resets its connection leaves no stack trace and
 * nothing above DEBUG in the log. Raw sockets, so the handshake and the reset are exactly as written.
 */
@QuarkusTest
class HeartbeatOriginAndResetTest {

    private static String handshake(String originHeader) {
        return "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + originHeader + "\r\n";
    }

    private static String statusLine(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    private static String upgrade(String originHeader) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(handshake(originHeader).getBytes(StandardCharsets.ISO_8859_1));
            return statusLine(socket);
        }
    }

    @Test
    void aForeignBrowserOriginIsRefusedBeforeTheUpgrade() throws Exception {
        for (String origin : List.of("http://evil.example", "null", "file://", "http://localhost:3000.evil.example")) {
            assertThat(upgrade("Origin: " + origin + "\r\n")).as(origin).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void theDashboardsOriginAndScriptsWithoutOriginUpgrade() throws Exception {
        assertThat(upgrade("Origin: http://localhost:3000\r\n")).startsWith("HTTP/1.1 101");
        assertThat(upgrade("")).startsWith("HTTP/1.1 101");
    }

    @Test
    void resetConnectionsLeaveNoStackTrace() throws Exception {
        try (CapturedLog log = CapturedLog.atOrAbove(Level.INFO)) {
            // Positive control: the capture sees what the application logs.
            Logger.getLogger("dev.workbench.heartbeat.control").warning("control");
            assertThat(log.lines()).containsExactly("dev.workbench.heartbeat.control: control");
            log.clear();
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(handshake("").getBytes(StandardCharsets.ISO_8859_1));
                assertThat(statusLine(socket)).startsWith("HTTP/1.1 101");
                socket.setSoLinger(true, 0); // close with a TCP reset
                socket.close();
            }
            Thread.sleep(600); // three heartbeat intervals: beats to the reset sockets fail meanwhile
            assertThat(log.lines()).isEmpty();
        }
    }
}
