package dev.workbench.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.workbench.support.CommandsAndDeploysProfile;
import dev.workbench.support.FakeDeployApis;
import dev.workbench.support.FakeDeployApisResource;
import dev.workbench.support.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@TestProfile(CommandsAndDeploysProfile.class)
class DeployResourceTest {

    private static final String APP = "sophia-api-staging";
    private final FakeDeployApis apis = FakeDeployApisResource.apis();

    @BeforeEach
    void reset() {
        apis.reset();
    }

    static Response deploy(String body) {
        return given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON).body(body).when().post("/deploy");
    }

    private List<String> flyCalls() {
        return apis.received().stream().filter(r -> r.uri().startsWith("/v1/")).map(r -> r.method() + " " + r.uri()).toList();
    }

    @Test
    void aTwoMachineRollingUpdateReplacesOneMachineAtATime() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1", "m2");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("deployment_id", matchesPattern("deploy-api-\\d{14}"))
                .body("url", equalTo("https://sophia-api-staging.fly.dev"))
                .body("image", equalTo("registry.fly.io/sophia-api-staging:1.1.0"))
                .body("logs", org.hamcrest.Matchers.hasItem(containsString("m2: registry.fly.io/sophia-api-staging:1.0.0 -> registry.fly.io/sophia-api-staging:1.1.0")));

        assertThat(flyCalls()).containsExactly(
                "GET /v1/apps/sophia-api-staging/machines",
                "POST /v1/apps/sophia-api-staging/machines/m1/lease",
                "POST /v1/apps/sophia-api-staging/machines/m2/lease",
                "GET /v1/apps/sophia-api-staging/machines/m1",
                "GET /v1/apps/sophia-api-staging/machines/m2",
                "POST /v1/apps/sophia-api-staging/machines/m1/metadata/workbench_previous_image",
                "POST /v1/apps/sophia-api-staging/machines/m1",
                "GET /v1/apps/sophia-api-staging/machines/m1/wait?instance_id=m1-1&state=started&timeout=2",
                "GET /v1/apps/sophia-api-staging/machines/m1",
                "POST /v1/apps/sophia-api-staging/machines/m2/metadata/workbench_previous_image",
                "POST /v1/apps/sophia-api-staging/machines/m2",
                "GET /v1/apps/sophia-api-staging/machines/m2/wait?instance_id=m2-1&state=started&timeout=2",
                "GET /v1/apps/sophia-api-staging/machines/m2",
                "DELETE /v1/apps/sophia-api-staging/machines/m1/lease",
                "DELETE /v1/apps/sophia-api-staging/machines/m2/lease");
        List<FakeDeployApis.Received> fly = apis.received().stream().filter(r -> r.uri().startsWith("/v1/")).toList();
        // Each lease names the deployment and lasts the whole rollout; the update and the release carry its nonce.
        JsonObject lease = fly.get(1).body();
        assertThat(lease.getString("description")).startsWith("workbench deployment deploy-api-");
        assertThat(lease.getLong("ttl")).isGreaterThanOrEqualTo(60);
        FakeDeployApis.Received update = fly.get(6);
        assertThat(update.leaseNonce()).isNotBlank().isEqualTo(fly.get(13).leaseNonce());
        assertThat(fly.get(5).body().getString("value")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        assertThat(apis.lease(APP, "m1")).as("released").isNull();
        assertThat(apis.metadata(APP, "m1")).containsEntry("workbench_previous_image", "registry.fly.io/sophia-api-staging:1.0.0");
        assertThat(update.authorization()).isEqualTo("Bearer " + DeployProfile.FLY_TOKEN);
        JsonObject config = update.body().getJsonObject("config");
        assertThat(config.getString("image")).isEqualTo("registry.fly.io/sophia-api-staging:1.1.0");
        assertThat(config.getJsonObject("guest").getInteger("memory_mb")).isEqualTo(256);
        assertThat(config.getJsonObject("env").getString("ENVIRONMENT")).isEqualTo("production");
        assertThat(apis.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.1.0");
        assertThat(apis.image(APP, "m2")).isEqualTo("registry.fly.io/sophia-api-staging:1.1.0");
    }

    @Test
    void aFailureOnTheSecondMachineRestoresTheFirst() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1", "m2");
        apis.failChecksOnNextUpdateOf("m2");
        Response response = deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}");
        response.then().statusCode(200)
                .body("status", equalTo("error"))
                .body("error", containsString("m2 started but its checks did not pass: http=critical"));
        List<String> logs = response.jsonPath().getList("logs");
        assertThat(logs).anyMatch(l -> l.contains("m1: started, checks passing"));
        assertThat(logs).anyMatch(l -> l.contains("m1: restored to registry.fly.io/sophia-api-staging:1.0.0"));
        assertThat(apis.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        assertThat(apis.image(APP, "m2")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        // m1 went to 1.1.0 and came back: two updates of m1, the second with the old image.
        List<FakeDeployApis.Received> m1Updates = apis.received().stream()
                .filter(r -> r.method().equals("POST") && r.uri().endsWith("/machines/m1")).toList();
        assertThat(m1Updates).extracting(r -> r.body().getJsonObject("config").getString("image"))
                .containsExactly("registry.fly.io/sophia-api-staging:1.1.0", "registry.fly.io/sophia-api-staging:1.0.0");
    }

    @Test
    void aMachineThatFailsItsChecksIsRestoredAndTheRestAreNotTouched() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1", "m2");
        apis.failChecksOn("registry.fly.io/sophia-api-staging:2.0.0-bad");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"2.0.0-bad\"}").then().statusCode(200)
                .body("status", equalTo("error"))
                .body("error", containsString("m1 started but its checks did not pass: http=critical"));
        assertThat(apis.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        assertThat(apis.image(APP, "m2")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        assertThat(flyCalls()).noneMatch(call -> call.equals("POST /v1/apps/sophia-api-staging/machines/m2"));
    }

    @Test
    void rollbackRestoresTheImagesBeforeTheLastDeployment() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1", "m2");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then().body("status", equalTo("success"));
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"rollback\":true}").then().statusCode(200)
                .body("version", equalTo("1.0.0"))
                .body("image", equalTo("registry.fly.io/sophia-api-staging:1.0.0"))
                .body("status", equalTo("success"));
        assertThat(apis.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        assertThat(apis.image(APP, "m2")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
    }

    @Test
    void rollbackWithNothingRecordedIsAnErrorAndChangesNothing() {
        apis.app("sophia-web-staging", "registry.fly.io/sophia-web-staging:1.0.0", "w1");
        deploy("{\"target\":\"staging\",\"service\":\"web\",\"rollback\":true}").then().statusCode(200)
                .body("status", equalTo("error"))
                .body("error", containsString("No earlier deployment of sophia-web-staging"));
        // The machines were leased and their metadata read; nothing was changed, and the lease is released.
        assertThat(flyCalls()).containsExactly(
                "GET /v1/apps/sophia-web-staging/machines",
                "POST /v1/apps/sophia-web-staging/machines/w1/lease",
                "GET /v1/apps/sophia-web-staging/machines/w1",
                "GET /v1/apps/sophia-web-staging/machines/w1/metadata",
                "DELETE /v1/apps/sophia-web-staging/machines/w1/lease");
    }

    @Test
    void aFlyApiErrorIsReportedNeverAsSuccess() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        apis.failListing(401);
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then().statusCode(200)
                .body("status", equalTo("error"))
                .body("error", containsString("Fly API answered HTTP 401 listing the machines of sophia-api-staging"));
    }

    @Test
    void theGitHubStrategyDispatchesTheWorkflowAndFindsItsRun() {
        deploy("{\"target\":\"production\",\"service\":\"api\",\"version\":\"sha256:" + "a".repeat(64) + "\"}").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("strategy", equalTo("github"))
                .body("run_url", equalTo("https://github.com/acme/backend/actions/runs/4242"))
                .body("url", equalTo("https://sophia-api-production.fly.dev"));
        FakeDeployApis.Received dispatch = apis.received().get(0);
        assertThat(dispatch.method() + " " + dispatch.uri()).isEqualTo("POST /repos/acme/backend/actions/workflows/deploy.yml/dispatches");
        assertThat(dispatch.authorization()).isEqualTo("Bearer " + DeployProfile.GITHUB_TOKEN);
        assertThat(dispatch.body().getString("ref")).isEqualTo("main");
        assertThat(dispatch.body().getJsonObject("inputs").getMap()).containsEntry("service", "api")
                .containsEntry("target", "production").containsEntry("version", "sha256:" + "a".repeat(64));
        assertThat(apis.received()).extracting(r -> r.method() + " " + r.uri().split("\\?")[0]).contains(
                "POST /repos/acme/backend/deployments", "GET /repos/acme/backend/actions/workflows/deploy.yml/runs");
    }

    @Test
    void rollbackThroughGitHubActionsIsRefusedBeforeAnythingIsSent() {
        deploy("{\"target\":\"production\",\"service\":\"api\",\"rollback\":true}").then().statusCode(422)
                .body("detail", containsString("deploy the earlier version"));
        assertThat(apis.received()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"target\":\"staging\",\"service\":\"API\"}                         | service",
        "{\"target\":\"staging\",\"service\":\"../etc\"}                      | service",
        "{\"target\":\"staging\",\"service\":\"api;rm -rf /\"}                | service",
        "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.0;id\"}  | version",
        "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"$(id)\"}   | version",
        "{\"target\":\"staging\",\"service\":\"api\",\"version\":\"sha256:xyz\"} | version",
        "{\"target\":\"dev\",\"service\":\"api\"}                             | Unknown target dev",
        "{\"target\":\"Staging!\",\"service\":\"api\"}                        | target",
        "{\"service\":\"api\"}                                                | target",
    })
    void invalidNamesAre422AndNothingIsAttempted(String body, String detail) {
        deploy(body).then().statusCode(422).contentType(ContentType.JSON).body("detail", containsString(detail));
        assertThat(apis.received()).isEmpty();
    }

    @Test
    void aRecordedDeploymentCanBeReadBack() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        String id = deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.2.0\"}").then()
                .extract().path("deployment_id");
        given().auth().oauth2(Login.adminToken()).when().get("/deploy/" + id).then().statusCode(200)
                .body("deployment_id", equalTo(id)).body("status", equalTo("success")).body("version", equalTo("1.2.0"));
        given().auth().oauth2(Login.adminToken()).when().get("/deploy/deploy-nope-1").then().statusCode(404)
                .body("detail", equalTo("Deployment deploy-nope-1 not found"));
    }

    @Test
    void aSecondDeploymentOfTheSameAppWhileOneRunsIs409NamingIt() throws Exception {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        apis.pauseWaits();
        java.util.concurrent.CompletableFuture<Response> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> apis.pausedWaitCount() == 1);
        String running = given().auth().oauth2(Login.adminToken()).when().get("/deploy?limit=1").then().statusCode(200)
                .body("deployments[0].status", equalTo("running")).extract().path("deployments[0].deployment_id");
        int callsBefore = apis.received().size();

        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.2.0\"}").then().statusCode(409)
                .contentType(ContentType.JSON)
                .body("detail", equalTo("Deployment " + running + " of sophia-api-staging is in progress; try again when it ends"));
        assertThat(apis.received()).as("the second deployment sent nothing").hasSize(callsBefore);
        given().auth().oauth2(Login.adminToken()).get("/audit?limit=1000").then()
                .body("entries[-1].status", equalTo("conflict")).body("entries[-1].command", equalTo("deploy staging api 1.2.0"));

        apis.resumeWaits();
        first.get(10, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200).body("status", equalTo("success"))
                .body("deployment_id", equalTo(running));
        given().auth().oauth2(Login.adminToken()).when().get("/deploy/" + running).then().body("status", equalTo("success"));
    }

    @Test
    void aLeaseHeldElsewhereIs409NamingItsDeploymentAndOurLeasesAreReleased() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1", "m2");
        apis.holdLease(APP, "m2", "workbench deployment deploy-api-20261127100000");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then().statusCode(409)
                .body("detail", equalTo("Deployment deploy-api-20261127100000 of sophia-api-staging is in progress; try again when it ends"));
        assertThat(flyCalls()).containsExactly(
                "GET /v1/apps/sophia-api-staging/machines",
                "POST /v1/apps/sophia-api-staging/machines/m1/lease",
                "POST /v1/apps/sophia-api-staging/machines/m2/lease",
                "GET /v1/apps/sophia-api-staging/machines/m2/lease",
                "DELETE /v1/apps/sophia-api-staging/machines/m1/lease");
        assertThat(apis.lease(APP, "m1")).isNull();
        assertThat(apis.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.0.0");
        // Refused, and audited as such.
        given().auth().oauth2(Login.adminToken()).get("/audit?limit=1000").then().statusCode(200)
                .body("entries[-1].status", equalTo("conflict"))
                .body("entries[-1].command", equalTo("deploy staging api 1.1.0"))
                .body("entries[-1].output_preview", containsString("deploy-api-20261127100000"));

        apis.holdLease(APP, "m2", "fly deploy by someone@example.com");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then().statusCode(409)
                .body("detail", equalTo("Machine m2 of sophia-api-staging is leased by another operation "
                        + "(fly deploy by someone@example.com); try again when it ends"));
        // Fly's text is untrusted: only printable ASCII of it reaches the answer.
        apis.holdLease(APP, "m2", "line\nbreak\u202Eevil\u0000");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"1.1.0\"}").then().statusCode(409)
                .body("detail", equalTo("Machine m2 of sophia-api-staging is leased by another operation "
                        + "(line?break?evil?); try again when it ends"));
    }

    @Test
    void rollbackReadsThePreviousImagesFromTheMachinesMetadata() {
        // Recorded by a deployment from another machine, or before a restart: only Fly remembers it.
        apis.app(APP, "registry.fly.io/sophia-api-staging:2.0.0", "m1", "m2");
        apis.setMetadata(APP, "m1", "workbench_previous_image", "registry.fly.io/sophia-api-staging:1.9.0");
        deploy("{\"target\":\"staging\",\"service\":\"api\",\"rollback\":true}").then().statusCode(200)
                .body("status", equalTo("success")).body("version", equalTo("1.9.0"));
        assertThat(apis.image(APP, "m1")).isEqualTo("registry.fly.io/sophia-api-staging:1.9.0");
        assertThat(apis.image(APP, "m2")).as("no image recorded: left alone").isEqualTo("registry.fly.io/sophia-api-staging:2.0.0");
        // Rolling back records what it replaced: a second rollback goes forward again.
        assertThat(apis.metadata(APP, "m1")).containsEntry("workbench_previous_image", "registry.fly.io/sophia-api-staging:2.0.0");
    }

    @Test
    void deploymentsAreListedNewestFirstInBoundedPages() {
        apis.app(APP, "registry.fly.io/sophia-api-staging:1.0.0", "m1");
        List<String> ids = new java.util.ArrayList<>();
        for (String version : List.of("1.1.0", "1.2.0", "1.3.0")) {
            ids.add(0, deploy("{\"target\":\"staging\",\"service\":\"api\",\"version\":\"" + version + "\"}")
                    .then().statusCode(200).extract().path("deployment_id"));
        }
        Response first = given().auth().oauth2(Login.adminToken()).when().get("/deploy?limit=2");
        first.then().statusCode(200).body("limit", equalTo(2)).body("offset", equalTo(0)).body("next_offset", equalTo(2));
        assertThat(first.jsonPath().getList("deployments.deployment_id", String.class)).isEqualTo(ids.subList(0, 2));
        assertThat(first.jsonPath().getList("deployments.version", String.class)).containsExactly("1.3.0", "1.2.0");
        Response second = given().auth().oauth2(Login.adminToken()).when().get("/deploy?limit=2&offset=2");
        assertThat(second.jsonPath().getList("deployments.deployment_id", String.class)).startsWith(ids.get(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=0                    | limit must be between 1 and 100 (got \"0\")",
        "limit=101                  | limit must be between 1 and 100 (got \"101\")",
        "limit=ten                  | limit must be a whole number (got \"ten\")",
        "offset=-1                  | offset must be between 0 and 1000000 (got \"-1\")",
        "offset=1e3                 | offset must be a whole number (got \"1e3\")",
        "limit=99999999999999999999 | limit must be a whole number (got \"99999999999999999999\")",
    })
    void badPageParametersAre422NamingThem(String query, String detail) {
        given().auth().oauth2(Login.adminToken()).when().get("/deploy?" + query).then().statusCode(422)
                .contentType(ContentType.JSON).body("detail", equalTo(detail));
    }

    @Test
    void listingNeedsTheAdmin() {
        given().when().get("/deploy").then().statusCode(401);
    }
}
