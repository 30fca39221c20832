package dev.workbench.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.HandMadeJwt;
import dev.workbench.support.Login;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The original's 401/403 matrix on every protected route, with tokens no library of ours made. */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
class ProtectedRoutesTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("POST", "/agent/execute", 422),
                Arguments.of("POST", "/deploy", 422),
                Arguments.of("POST", "/command", 422),
                Arguments.of("GET", "/mcp/memory/health", 200),
                Arguments.of("POST", "/mcp/memory/store", 200),
                Arguments.of("POST", "/agent/router", 422),
                Arguments.of("GET", "/agent/workflow/list", 200),
                Arguments.of("POST", "/agent/workflow/execute", 422),
                Arguments.of("GET", "/deploy", 200),
                Arguments.of("GET", "/deploy/deploy-none-1", 404),
                Arguments.of("GET", "/agent/runs", 200),
                Arguments.of("GET", "/agent/runs/run-none", 404),
                Arguments.of("GET", "/audit", 200));
    }

    private static long inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS).getEpochSecond();
    }

    private static io.restassured.response.ValidatableResponse call(String method, String path, RequestSpecification spec) {
        return spec.contentType(ContentType.JSON).body("{}").when().request(method, path).then();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void noHeaderIs401NotAuthenticatedWithABearerChallenge(String method, String path, int pastAuthentication) {
        call(method, path, given())
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Not authenticated"));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void aPythonStyleTokenWithOnlySubAndExpIsAccepted(String method, String path, int pastAuthentication) {
        // Past authentication each route answers for itself: agent, deploy, command, router and workflow
        // refuse the empty body (or its missing name), the proxy forwards to the stand-in service, the
        // lists answer, and an unknown deployment or run is not found.
        call(method, path, given().auth().oauth2(Login.adminToken()))
                .statusCode(pastAuthentication);
    }

    static Stream<Arguments> invalidTokens() {
        String secret = HandMadeJwt.appSecret();
        String valid = HandMadeJwt.python("ceo", Instant.now().plus(1, ChronoUnit.HOURS));
        String[] parts = valid.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"ceo\",\"exp\":" + inAnHour() + ",\"x\":1}").getBytes());
        return Stream.of(
                Arguments.of("tampered payload", parts[0] + "." + otherPayload + "." + parts[2]),
                Arguments.of("tampered signature", parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA"),
                Arguments.of("wrong secret", HandMadeJwt.signed(secret + "-other", HandMadeJwt.HS256_HEADER,
                        "{\"sub\":\"ceo\",\"exp\":" + inAnHour() + "}")),
                Arguments.of("expired", HandMadeJwt.signed(secret, HandMadeJwt.HS256_HEADER,
                        "{\"sub\":\"ceo\",\"exp\":" + Instant.now().minus(2, ChronoUnit.HOURS).getEpochSecond() + "}")),
                // inside smallrye's default 60 s grace, outside JWT_LEEWAY's 5 s
                Arguments.of("expired 30 s ago", HandMadeJwt.signed(secret, HandMadeJwt.HS256_HEADER,
                        "{\"sub\":\"ceo\",\"exp\":" + Instant.now().minusSeconds(30).getEpochSecond() + "}")),
                Arguments.of("no exp", HandMadeJwt.signed(secret, HandMadeJwt.HS256_HEADER, "{\"sub\":\"ceo\"}")),
                Arguments.of("alg none", HandMadeJwt.unsigned("{\"sub\":\"ceo\",\"exp\":" + inAnHour() + "}")),
                Arguments.of("alg HS512 with the same secret", HandMadeJwt.signed(secret, "{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                        "{\"sub\":\"ceo\",\"exp\":" + inAnHour() + "}")),
                Arguments.of("malformed", "abc.def.ghi"),
                Arguments.of("not a jwt", "hello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void anInvalidTokenIs401InvalidAuthentication(String name, String token) {
        routes().forEach(route -> call((String) route.get()[0], (String) route.get()[1], given().auth().oauth2(token))
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Invalid authentication")));
    }

    @Test
    void aValidTokenForAnotherSubjectIs403NotAuthorized() {
        String token = HandMadeJwt.python("someone-else", Instant.now().plus(1, ChronoUnit.HOURS));
        routes().forEach(route -> call((String) route.get()[0], (String) route.get()[1], given().auth().oauth2(token))
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Not authorized")));
    }

    @Test
    void theAdminIsTheSubjectNotAPreferredUsernameClaim() {
        String token = HandMadeJwt.signed(HandMadeJwt.appSecret(), HandMadeJwt.HS256_HEADER,
                "{\"sub\":\"someone-else\",\"upn\":\"ceo\",\"preferred_username\":\"ceo\",\"exp\":" + inAnHour() + "}");
        call("POST", "/deploy", given().auth().oauth2(token)).statusCode(403);
    }

    @Test
    void aGroupsClaimGrantsNoRole() {
        String token = HandMadeJwt.signed(HandMadeJwt.appSecret(), HandMadeJwt.HS256_HEADER,
                "{\"sub\":\"alice\",\"groups\":[\"admin\",\"" + Roles.ADMIN + "\"],\"exp\":" + inAnHour() + "}");
        routes().forEach(route -> call((String) route.get()[0], (String) route.get()[1], given().auth().oauth2(token))
                .statusCode(403)
                .body("detail", equalTo("Not authorized")));
    }

    @Test
    void theAuditedUserIsTheSubjectWhateverUpnSays() {
        // Read back through GET /audit: the same in-process and against the packaged application.
        String token = HandMadeJwt.signed(HandMadeJwt.appSecret(), HandMadeJwt.HS256_HEADER,
                "{\"sub\":\"ceo\",\"upn\":\"mallory\",\"preferred_username\":\"mallory\",\"exp\":" + inAnHour() + "}");
        java.util.List<Object> before = given().auth().oauth2(token).get("/audit?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("entries");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"command\":\"git status\",\"service\":\"no-such-repo\"}")
                .when().post("/command").then().statusCode(404);
        io.restassured.path.json.JsonPath after = given().auth().oauth2(token).get("/audit?limit=1000").then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getList("entries")).hasSize(before.size() + 1);
        assertThat(after.getString("entries[-1].user")).isEqualTo("ceo");
        assertThat(after.getString("entries[-1].service")).isEqualTo("no-such-repo");
    }

    @Test
    void aNonBearerSchemeCountsAsNoCredentials() {
        call("POST", "/deploy", given().header("Authorization", "Basic Y2VvOnRlc3QtcGFzc3dvcmQ="))
                .statusCode(401)
                .body("detail", equalTo("Not authenticated"));
    }

    @Test
    void openRoutesIgnoreABadToken() {
        given().auth().oauth2("abc.def.ghi").contentType(ContentType.JSON)
                .body("{\"username\":\"ceo\",\"password\":\"test-password\"}")
                .header("X-Test-Client", "open-routes")
                .when().post("/auth/login")
                .then().statusCode(200);
        given().auth().oauth2("abc.def.ghi").when().get("/q/health/live").then().statusCode(200);
    }
}
