package dev.workbench.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.support.HandMadeJwt;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ACCESS_TOKEN_EXPIRE_MINUTES}, {@code JWT_ISSUER} and {@code JWT_AUDIENCE}, as the original's
 * later version reads them: in new tokens, and required on incoming ones, whoever minted them.
 */
@QuarkusTest
@TestProfile(TokenSettingsTest.Settings.class)
class TokenSettingsTest {

    /** The admin's own auth settings: token lifetime, issuer, audience, and a password hash (BcryptHashLoginTest shares it). */
    public static class Settings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("workbench.auth.access-token-expire-minutes", "30",
                    "workbench.auth.jwt-issuer", "https://workbench.example.com",
                    "workbench.auth.jwt-audience", "workbench-dashboard",
                    "workbench.auth.admin-password-hash", BcryptHashLoginTest.PYTHON_2B_HASH,
                    "workbench.auth.admin-password", "test-password");
        }
    }

    private static String minted(String claims) {
        return HandMadeJwt.signed(HandMadeJwt.appSecret(), HandMadeJwt.HS256_HEADER, claims);
    }

    private static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    /** A protected route that answers 404 once authorised, and does nothing else. */
    private static int status(String token) {
        return given().auth().oauth2(token).when().get("/deploy/no-such-deployment").statusCode();
    }

    @Test
    void newTokensCarryIssuerAudienceAndMinutesOfLifetime() throws Exception {
        String token = given().contentType(ContentType.JSON).header("X-Test-Client", "token-settings")
                .body("{\"username\":\"ceo\",\"password\":\"correct horse\"}").when().post("/auth/login")
                .then().statusCode(200).extract().path("access_token");
        JsonNode claims = new ObjectMapper().readTree(HandMadeJwt.payloadOf(token));
        assertThat(claims.get("iss").asText()).isEqualTo("https://workbench.example.com");
        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText())
                .isEqualTo("workbench-dashboard");
        long thirtyMinutes = Instant.now().plusSeconds(1800).getEpochSecond();
        assertThat(claims.get("exp").asLong()).isBetween(thirtyMinutes - 60, thirtyMinutes + 60);
        assertThat(status(token)).isEqualTo(404);
    }

    @Test
    void aTokenTheOriginalMintsWithTheSameSettingsIsAccepted() {
        // python-jose: iss and aud as plain strings, no iat.
        assertThat(status(minted("{\"sub\":\"ceo\",\"iss\":\"https://workbench.example.com\",\"aud\":\"workbench-dashboard\",\"exp\":"
                + inAnHour() + "}"))).isEqualTo(404);
    }

    @Test
    void aMissingOrWrongIssuerOrAudienceIs401() {
        for (String claims : new String[] {
                "{\"sub\":\"ceo\",\"exp\":" + inAnHour() + "}",
                "{\"sub\":\"ceo\",\"aud\":\"workbench-dashboard\",\"exp\":" + inAnHour() + "}",
                "{\"sub\":\"ceo\",\"iss\":\"https://workbench.example.com\",\"exp\":" + inAnHour() + "}",
                "{\"sub\":\"ceo\",\"iss\":\"https://evil.example.com\",\"aud\":\"workbench-dashboard\",\"exp\":" + inAnHour() + "}",
                "{\"sub\":\"ceo\",\"iss\":\"https://workbench.example.com\",\"aud\":\"other\",\"exp\":" + inAnHour() + "}"}) {
            var response = given().auth().oauth2(minted(claims)).when().get("/deploy/no-such-deployment");
            assertThat(response.statusCode()).as(claims).isEqualTo(401);
            assertThat(response.jsonPath().getString("detail")).isEqualTo("Invalid authentication");
        }
    }
}
