package dev.workbench.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.support.HandMadeJwt;
import dev.workbench.support.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class AuthResourceTest {

    private static final String GOOD = "{\"username\":\"ceo\",\"password\":\"test-password\"}";

    private static String client() {
        return "client-" + UUID.randomUUID();
    }

    private static Response login(String client, String body) {
        return given().contentType(ContentType.JSON).header("X-Test-Client", client).body(body)
                .when().post("/auth/login");
    }

    @Test
    void loginReturnsTheOriginalsShapeWithAnHs256TokenOverTheRawSecret() throws Exception {
        String token = login(client(), GOOD).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("token_type", equalTo("bearer"))
                .body("access_token", notNullValue())
                .extract().path("access_token");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        byte[] expected = HandMadeJwt.hmac(HandMadeJwt.appSecret(), parts[0] + "." + parts[1]);
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);

        JsonNode claims = new ObjectMapper().readTree(HandMadeJwt.payloadOf(token).getBytes(StandardCharsets.UTF_8));
        assertThat(claims.get("sub").asText()).isEqualTo("ceo");
        long sevenDays = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
        assertThat(claims.get("exp").asLong()).isBetween(sevenDays - 60, sevenDays + 60);
    }

    @Test
    void theIssuedTokenOpensProtectedRoutes() {
        given().auth().oauth2(Login.viaLogin(client())).contentType(ContentType.JSON).body("{}")
                .when().post("/deploy")
                .then().statusCode(422);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String wrongPassword = login(client(), "{\"username\":\"ceo\",\"password\":\"nope\"}").then()
                .statusCode(401).contentType(ContentType.JSON).body("detail", equalTo("Invalid credentials"))
                .extract().asString();
        String unknownUser = login(client(), "{\"username\":\"mallory\",\"password\":\"test-password\"}").then()
                .statusCode(401).extract().asString();
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"password\":\"x\"}                     | Field 'username' is required",
        "{\"username\":\"ceo\"}                   | Field 'password' is required",
        "{\"username\":null,\"password\":\"x\"}   | Field 'username' is required",
        "{\"username\":42,\"password\":\"x\"}     | Field 'username' must be a string",
        "{\"username\":\"ceo\",\"password\":[1]}  | Field 'password' must be a string",
        "{\"username\":\"ceo\",\"password\":{}}   | Field 'password' must be a string",
        "[\"ceo\",\"x\"]                          | must be a JSON object",
        "\"ceo\"                                  | must be a JSON object",
    })
    void badFieldsAre422NamingTheField(String body, String detail) {
        login(client(), body).then()
                .statusCode(422)
                .contentType(ContentType.JSON)
                .body("detail", containsString(detail));
    }

    @Test
    void anEmptyBodyIs422() {
        given().contentType(ContentType.JSON).header("X-Test-Client", client())
                .when().post("/auth/login")
                .then().statusCode(422).body("detail", containsString("body is required"));
    }

    @Test
    void malformedJsonIs400() {
        login(client(), "{\"username\": \"ceo\", ").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Malformed JSON body"));
    }

    @Test
    void aBodyOver64KiBIs413WithoutBeingRead() {
        String padding = "x".repeat(64 * 1024);
        login(client(), "{\"username\":\"ceo\",\"password\":\"" + padding + "\"}").then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("detail", containsString("65536"));
    }

    @Test
    void aChunkedBodyOver64KiBIs413Too() throws Exception {
        String body = "{\"username\":\"ceo\",\"password\":\"" + "x".repeat(1024 * 1024) + "\"}";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Test-Client: " + client() + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 8192) {
                int n = Math.min(8192, bytes.length - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes, i, n);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"detail\":\"Request body too large: at most 65536 bytes\"");
        }
    }

    @Test
    void fiveFailuresInAWindowLockTheClientOutEvenWithTheRightPassword() {
        String client = client();
        for (int i = 0; i < 5; i++) {
            login(client, "{\"username\":\"ceo\",\"password\":\"guess-" + i + "\"}").then().statusCode(401);
        }
        login(client, GOOD).then()
                .statusCode(429)
                .contentType(ContentType.JSON)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("Too many failed login attempts"));
        int retryAfter = Integer.parseInt(login(client, GOOD).header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 3);

        // Another client is not affected.
        login(client(), GOOD).then().statusCode(200);
    }

    @Test
    void aConcurrentBurstReachesThePasswordCheckAtMostLoginMaxFailuresTimes() throws Exception {
        String client = client();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int guess = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(client, "{\"username\":\"ceo\",\"password\":\"burst-" + guess + "\"}");
                }));
            }
            start.countDown();
            java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Response> answer : answers) {
                Response response = answer.get();
                statuses.merge(response.statusCode(), 1, Integer::sum);
                if (response.statusCode() != 401) {
                    assertThat(response.header("Retry-After")).isNotNull();
                }
            }
            assertThat(statuses.getOrDefault(401, 0)).as(statuses.toString()).isBetween(1, 5);
            assertThat(statuses.keySet()).as(statuses.toString()).isSubsetOf(401, 429, 503);
            assertThat(statuses.getOrDefault(429, 0)).as(statuses.toString()).isGreaterThanOrEqualTo(35 - statuses.getOrDefault(503, 0));
        } finally {
            pool.shutdownNow();
        }
        login(client, GOOD).then().statusCode(429);
    }

    @Test
    void theLockoutEndsWhenTheWindowPasses() {
        String client = client();
        for (int i = 0; i < 5; i++) {
            login(client, "{\"username\":\"ceo\",\"password\":\"guess\"}").then().statusCode(401);
        }
        login(client, GOOD).then().statusCode(429);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(250))
                .until(() -> login(client, GOOD).statusCode() == 200);
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        String client = client();
        for (int i = 0; i < 4; i++) {
            login(client, "{\"username\":\"ceo\",\"password\":\"guess\"}").then().statusCode(401);
        }
        login(client, GOOD).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(client, "{\"username\":\"ceo\",\"password\":\"guess\"}").then().statusCode(401);
        }
        login(client, GOOD).then().statusCode(is(200));
    }
}
