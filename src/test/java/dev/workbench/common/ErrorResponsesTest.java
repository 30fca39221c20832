package dev.workbench.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every error is JSON with a {@code detail} string, whichever layer produced it. */
@QuarkusTest
class ErrorResponsesTest {

    @Test
    void unknownRouteIs404Json() {
        given().when().get("/no/such/route")
                .then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Not Found"));
        given().when().post("/auth/nothing-here")
                .then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Not Found"));
    }

    @Test
    void wrongMethodIs405Json() {
        given().when().get("/auth/login")
                .then().statusCode(405).contentType(ContentType.JSON).body("detail", equalTo("Method Not Allowed"));
        given().when().delete("/deploy")
                .then().statusCode(405).contentType(ContentType.JSON).body("detail", equalTo("Method Not Allowed"));
    }

    @Test
    void wrongMediaTypeIs415Json() {
        given().contentType(ContentType.TEXT).body("username=ceo").when().post("/auth/login")
                .then().statusCode(415).contentType(ContentType.JSON).body("detail", equalTo("Unsupported Media Type"));
    }

    @Test
    void malformedJsonIs400Json() {
        given().contentType(ContentType.JSON).body("{not json").when().post("/auth/login")
                .then().statusCode(400).contentType(ContentType.JSON).body("detail", equalTo("Malformed JSON body"));
    }

    @Test
    void aBodyOverTheGlobalLimitIs413JsonBeforeAnyRoute() {
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        given().contentType(ContentType.JSON).body(big).when().post("/agent/execute")
                .then().statusCode(413).contentType(ContentType.JSON).body("detail", containsString("too large"));
    }

    @Test
    void aMissingFieldIs422Json() {
        given().contentType(ContentType.JSON).body("{}").header("X-Test-Client", "errors-422").when().post("/auth/login")
                .then().statusCode(422).contentType(ContentType.JSON).body("detail", containsString("username"));
    }

    @Test
    void noErrorCarriesAStackTrace() {
        String body = given().contentType(ContentType.JSON).body("{\"username\": [").when().post("/auth/login")
                .then().statusCode(400).extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain("Exception").doesNotContain("at ");
    }
}
