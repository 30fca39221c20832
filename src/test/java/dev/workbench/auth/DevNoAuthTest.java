package dev.workbench.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.HandMadeJwt;
import dev.workbench.support.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The original's dev start script: {@code ALLOW_DEV_NOAUTH} in development on loopback (the test
 * server's), and {@code ALLOW_CREDENTIALS} for a dashboard that sends cookies.
 */
@QuarkusTest
@TestProfile(DevNoAuthTest.DevDashboard.class)
class DevNoAuthTest {

    public static class DevDashboard implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.auth.allow-dev-noauth", "true", "workbench.cors.allow-credentials", "1");
        }
    }

    /** A protected route that answers 404 once authorised as the admin, and does nothing else. */
    private static int status(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.when().get("/deploy/no-such-deployment").statusCode();
    }

    private static String token(String subject, long exp) {
        return HandMadeJwt.signed(HandMadeJwt.appSecret(), HandMadeJwt.HS256_HEADER,
                "{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}");
    }

    @Test
    void aRequestWithoutAValidTokenActsAsTheAdmin() {
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        assertThat(status(null)).as("no token").isEqualTo(404);
        assertThat(status("Bearer not-a-jwt")).as("garbage").isEqualTo(404);
        assertThat(status("Bearer " + token("ceo", Instant.now().minusSeconds(3600).getEpochSecond()))).as("expired").isEqualTo(404);
        assertThat(status("Bearer " + HandMadeJwt.signed("another-secret-entirely-32-bytes!!",
                HandMadeJwt.HS256_HEADER, "{\"sub\":\"ceo\",\"exp\":" + inAnHour + "}"))).as("wrong key").isEqualTo(404);
        given().when().get("/deploy/no-such-deployment").then().body("detail", equalTo("Deployment no-such-deployment not found"));
    }

    @Test
    void aValidTokenIsStillItsSubject() {
        assertThat(status("Bearer " + Login.adminToken())).isEqualTo(404);
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        assertThat(status("Bearer " + token("mallory", inAnHour))).as("a valid token of someone else").isEqualTo(403);
    }

    @Test
    void configuredOriginsGetCredentialsWithAllowCredentials() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/agent/execute")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true");
    }

    @Test
    void aBrowserPageOrARebindingNameGetsNoAdmin() {
        // a page the developer visits, posting cross-origin, or a DNS name rebound to 127.0.0.1
        given().header("Origin", "https://evil.example").when().get("/deploy/no-such-deployment").then().statusCode(401);
        given().header("Host", "attacker.example:8000").when().get("/deploy/no-such-deployment").then().statusCode(401);
        given().header("Host", "127.0.0.1.nip.io").when().get("/deploy/no-such-deployment").then().statusCode(401);
        // the dashboard, from an allowed origin, to a loopback literal
        given().header("Origin", "http://localhost:3000").header("Host", "127.0.0.1:8000")
                .when().get("/deploy/no-such-deployment").then().statusCode(404);
    }

    @Test
    void aRawRequestWithoutAnyHostGetsNoAdmin() throws Exception {
        for (String request : new String[] {"GET /deploy/no-such-deployment HTTP/1.0\r\n\r\n",
                "GET /deploy/no-such-deployment HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                "GET /deploy/no-such-deployment HTTP/1.1\r\nHost: [::1]\r\nConnection: close\r\n\r\n"}) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(answer).as(request).startsWith(request.contains("[::1]") ? "HTTP/1.1 404 " : "HTTP/1.");
                if (!request.contains("[::1]")) {
                    assertThat(answer).as(request).contains(" 401 ");
                }
            }
        }
    }

    @Test
    void onlyLoopbackLiteralsCountAsLoopback() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.0.0.2", "::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
            assertThat(DevNoAuthMechanism.isLoopback(host)).as(host).isTrue();
            assertThat(DevNoAuthMechanism.problemWithBinding(host)).as(host).isNull();
        }
        for (String host : new String[] {"0.0.0.0", "::", "192.168.1.20", "127.0.0.1.nip.io", "127.evil.example", "localhost.evil.example",
                "workbench.example.com", ""}) {
            assertThat(DevNoAuthMechanism.isLoopback(host)).as(host).isFalse();
            assertThat(DevNoAuthMechanism.problemWithBinding(host)).as(host)
                    .contains("ALLOW_DEV_NOAUTH").contains("QUARKUS_HTTP_HOST=127.0.0.1");
        }
        assertThat(DevNoAuthMechanism.problemWithBinding(null)).contains("ALLOW_DEV_NOAUTH");
    }
}
