package dev.workbench.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.workbench.support.FakeLlm;
import dev.workbench.support.FakeLlmResource;
import dev.workbench.support.Login;
import dev.workbench.support.Sse;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /agent/runs}, {@code GET /agent/runs/{id}} and {@code GET /audit}: what the store recorded, read back in pages. */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeLlmResource.class, scope = TestResourceScope.GLOBAL)
class RunsAndAuditTest {

    private final FakeLlm llm = FakeLlmResource.llm();

    @BeforeEach
    void reset() {
        llm.reset();
    }

    private static Map<String, Object> latestRun() {
        return given().auth().oauth2(Login.adminToken()).get("/agent/runs?limit=1").then().statusCode(200)
                .extract().jsonPath().getMap("runs[0]");
    }

    @Test
    void aStreamedRunIsRecordedWithItsModelTokensAndEnd() {
        Instant before = Instant.now();
        llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text("Hel", "lo").end("end_turn")));
        Sse.execute("{\"agent\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").then().statusCode(200);

        Map<String, Object> run = latestRun();
        assertThat(run).containsEntry("kind", "agent").containsEntry("agent", "orchestrator").containsEntry("user", "ceo")
                .containsEntry("status", "completed").containsEntry("models", List.of("claude-sonnet-4-5"))
                .containsEntry("input_tokens", 25).containsEntry("output_tokens", 12).doesNotContainKey("error");
        assertThat(Instant.parse((String) run.get("started_at"))).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(Instant.parse((String) run.get("ended_at"))).isAfterOrEqualTo(Instant.parse((String) run.get("started_at")));
        given().auth().oauth2(Login.adminToken()).get("/agent/runs/" + run.get("id")).then().statusCode(200)
                .body("id", equalTo(run.get("id"))).body("status", equalTo("completed"));
    }

    @Test
    void aRunThatFailsIsRecordedWithItsError() {
        llm.script(FakeLlm.error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad model\"}}"));
        given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON)
                .body("{\"agent\":\"orchestrator\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/agent/execute");
        Map<String, Object> run = latestRun();
        assertThat(run).containsEntry("status", "failed");
        assertThat((String) run.get("error")).contains("bad model");
    }

    @Test
    void runsArePagedNewestFirstAndAnUnknownOneIs404() {
        for (String answer : List.of("one", "two", "three")) {
            llm.script(FakeLlm.events(0, new FakeLlm.Anthropic().text(answer).end("end_turn")));
            Sse.execute("{\"agent\":\"orchestrator\",\"messages\":[{\"role\":\"user\",\"content\":\"" + answer + "\"}]}")
                    .then().statusCode(200);
        }
        Response page = given().auth().oauth2(Login.adminToken()).get("/agent/runs?limit=2");
        page.then().statusCode(200).body("limit", equalTo(2)).body("offset", equalTo(0)).body("next_offset", equalTo(2));
        List<String> ids = page.jsonPath().getList("runs.id");
        Response next = given().auth().oauth2(Login.adminToken()).get("/agent/runs?limit=2&offset=1");
        assertThat(next.jsonPath().getList("runs.id", String.class).get(0)).isEqualTo(ids.get(1));
        given().auth().oauth2(Login.adminToken()).get("/agent/runs/run-nope").then().statusCode(404)
                .body("detail", equalTo("Run run-nope not found"));
        given().get("/agent/runs").then().statusCode(401);
        given().get("/agent/runs/" + ids.get(0)).then().statusCode(401);
    }

    @Test
    void theAuditTrailPagesFromAnInstantAndAfterAnEntry() {
        Instant start = Instant.now();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON)
                    .body("{\"command\":\"status\",\"service\":\"nowhere-" + i + "\"}").post("/command").then().statusCode(404);
        }
        Response first = given().auth().oauth2(Login.adminToken()).get("/audit?limit=2&since=" + start);
        first.then().statusCode(200).body("limit", equalTo(2))
                .body("entries[0].service", equalTo("nowhere-0")).body("entries[0].status", equalTo("not_found"))
                .body("entries[0].user", equalTo("ceo")).body("entries[1].service", equalTo("nowhere-1"));
        long after = first.jsonPath().getLong("next_after");
        assertThat(after).isEqualTo(first.jsonPath().getLong("entries[1].id"));
        given().auth().oauth2(Login.adminToken()).get("/audit?limit=2&since=" + start + "&after=" + after).then().statusCode(200)
                .body("entries.service", equalTo(List.of("nowhere-2"))).body("next_after", nullValue());
        given().auth().oauth2(Login.adminToken()).get("/audit?since=2999-01-01T00:00:00Z").then().statusCode(200)
                .body("entries", equalTo(List.of()));
        given().get("/audit").then().statusCode(401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/audit?limit=1001              | limit must be between 1 and 1000 (got \"1001\")",
        "/audit?limit=0                 | limit must be between 1 and 1000 (got \"0\")",
        "/audit?since=yesterday         | since must be an ISO-8601 instant such as 2026-11-27T10:00:00Z (got \"yesterday\")",
        "/audit?after=-5                | after must be between 0 and 4611686018427387903 (got \"-5\")",
        "/agent/runs?limit=500          | limit must be between 1 and 100 (got \"500\")",
        "/agent/runs?offset=x           | offset must be a whole number (got \"x\")",
    })
    void badParametersAre422NamingThem(String path, String detail) {
        given().auth().oauth2(Login.adminToken()).get(path).then().statusCode(422).contentType(ContentType.JSON)
                .body("detail", equalTo(detail));
    }
}
