package dev.workbench.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Logs in against an {@code ADMIN_PASSWORD_HASH} in the {@code $2b$} form Python's bcrypt writes; a clear {@code ADMIN_PASSWORD} beside it is ignored. */
@QuarkusTest
@TestProfile(TokenSettingsTest.Settings.class)
class BcryptHashLoginTest {

    /** {@code $2b$} hash of "correct horse", made by libxcrypt (the crypt(3) behind Python's crypt module). */
    static final String PYTHON_2B_HASH = "$2b$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m";

    @Test
    void theHashedPasswordLogsInAndTheClearPasswordIsIgnored() {
        given().contentType(ContentType.JSON).header("X-Test-Client", "bcrypt-1")
                .body("{\"username\":\"ceo\",\"password\":\"correct horse\"}")
                .when().post("/auth/login")
                .then().statusCode(200).body("token_type", equalTo("bearer"));
        given().contentType(ContentType.JSON).header("X-Test-Client", "bcrypt-2")
                .body("{\"username\":\"ceo\",\"password\":\"test-password\"}")
                .when().post("/auth/login")
                .then().statusCode(401).body("detail", equalTo("Invalid credentials"));
    }
}
