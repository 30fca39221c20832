package dev.workbench.command;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.workbench.support.CommandsAndDeploysProfile;
import dev.workbench.support.Login;
import dev.workbench.support.RawHttp;
import dev.workbench.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(CommandsAndDeploysProfile.class)
class CommandResourceTest {

    static Response command(String command, String service, String... args) {
        JsonObject body = new JsonObject().put("command", command).put("service", service);
        if (args.length > 0) {
            body.put("args", new io.vertx.core.json.JsonArray(List.of((Object[]) args)));
        }
        return given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON).body(body.encode())
                .when().post("/command");
    }

    static List<JsonObject> auditLines() throws Exception {
        if (!Files.exists(CommandsProfile.AUDIT)) {
            return List.of();
        }
        return Files.readAllLines(CommandsProfile.AUDIT).stream().map(JsonObject::new).toList();
    }

    @Test
    void allowedGitCommandsRunForRealInTheRepository() throws Exception {
        command("git status", "api").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("exit_code", equalTo(0))
                .body("output", containsString("On branch main"));

        Files.writeString(CommandsProfile.REPO.resolve("notes.txt"), "a note\n");
        command("git add notes.txt", "api").then().body("status", equalTo("success"));
        command("git commit -m 'add notes with \"quotes\"'", "api").then().body("status", equalTo("success"));
        assertThat(CommandsProfile.git(CommandsProfile.REPO, "log", "-1", "--format=%s")).isEqualTo("add notes with \"quotes\"\n");
        // The repository's pre-commit hook, gpg.program, fsmonitor, filters and textconv would have
        // created a marker: none of them ran.
        assertThat(CommandsProfile.nothingRan()).isTrue();

        command("git log --oneline", "api").then().body("status", equalTo("success")).body("output", containsString("add notes"));
        command("git branch feature", "api").then().body("status", equalTo("success"));
        command("git checkout feature", "api").then().body("status", equalTo("success"));
        command("git checkout main", "api").then().body("status", equalTo("success"));
        command("git diff HEAD~1 --stat", "api").then().body("status", equalTo("success")).body("output", containsString("notes.txt"));
        Files.writeString(CommandsProfile.REPO.resolve("notes.txt"), "a changed note\n");
        command("git diff", "api").then().body("status", equalTo("success")).body("output", containsString("+a changed note"));
        command("git status --short", "api").then().body("status", equalTo("success")).body("output", containsString(" M notes.txt"));
        CommandsProfile.git(CommandsProfile.REPO, "checkout", "--", "notes.txt");
        assertThat(CommandsProfile.nothingRan()).isTrue();
    }

    @Test
    void npmTestRunsThePackagesScriptInsideTheSandbox() {
        String output = command("npm test", "api").then().statusCode(200)
                .body("status", equalTo("success")).extract().path("output");
        SandboxAssertions.escapeFailed(output);
    }

    @Test
    void pytestRunsTheRepositorysTests() {
        command("python -m pytest -q -p no:cacheprovider test_sample.py", "api").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("output", containsString("1 passed"));
    }

    @Test
    void gitPushReachesAnHttpsRemoteOverTheSharedNetwork() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            CommandsProfile.git(CommandsProfile.REPO, "remote", "add", "loopback", "https://127.0.0.1:" + server.getLocalPort() + "/repo.git");
            try {
                CompletableFuture<Response> push = CompletableFuture.supplyAsync(() -> command("git push loopback main", "api"));
                try (java.net.Socket client = server.accept()) {
                    // The first byte of a TLS ClientHello: git reached the remote and began https.
                    assertThat(client.getInputStream().read()).isEqualTo(0x16);
                }
                assertThat(push.join().jsonPath().getString("status")).isEqualTo("failed");
            } finally {
                CommandsProfile.git(CommandsProfile.REPO, "remote", "remove", "loopback");
            }
        }
        assertThat(CommandsProfile.nothingRan()).isTrue();
    }

    @Test
    void theAuditLineSaysWhichSandboxRanTheCommand() throws Exception {
        int before = auditLines().size();
        command("git status", "api").then().statusCode(200).body("status", equalTo("success"));
        assertThat(auditLines().get(before).getString("sandbox")).isEqualTo("bwrap");
    }

    @Test
    void aCommitWithoutAMessageAbortsAtOnceInsteadOfWaitingForAnEditor() throws Exception {
        Files.writeString(CommandsProfile.REPO.resolve("draft.txt"), "draft\n");
        command("git add draft.txt", "api").then().body("status", equalTo("success"));
        try {
            command("git commit", "api").then().statusCode(200)
                    .body("status", equalTo("failed"))
                    .body("error", containsString("empty commit message"));
        } finally {
            CommandsProfile.git(CommandsProfile.REPO, "reset", "-q", "draft.txt");
            Files.delete(CommandsProfile.REPO.resolve("draft.txt"));
        }
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndStderr() {
        command("git checkout no-such-branch", "api").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("exit_code", equalTo(1))
                .body("error", containsString("no-such-branch"));
    }

    @Test
    void repositoryHandlersRunTheirConfiguredArgumentVectors() {
        command("test", "api").then().body("status", equalTo("success")).body("output", equalTo("tests-ran\n"));
        command("test", "api", "only-this").then().body("output", equalTo("tests-ran only-this\n"));
        command("analyze", "api").then().body("status", equalTo("forbidden")).body("error", containsString("No 'analyze' command"));
        command("python3 tool.py", "api").then().body("status", equalTo("success")).body("output", equalTo("script ran\n"));
    }

    @Test
    void theTimeoutKillsTheWholeProcessTree() {
        command("migrate", "api").then().statusCode(200)
                .body("status", equalTo("timeout"))
                .body("exit_code", nullValue())
                .body("error", containsString("COMMAND_TIMEOUT"));
        Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
                .filter(CommandResourceTest::isTestSleep).map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .as("sleeps left running").isEmpty());
    }

    @Test
    void outputIsCappedAndSaysSo() {
        command("lint", "api").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("truncated", equalTo(true))
                .body("output.length()", equalTo(1024));
    }

    @Test
    void outputStreamsLineByLineWhenAskedFor() {
        String stream = given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body("{\"command\":\"format\",\"service\":\"api\"}")
                .when().post("/command")
                .then().statusCode(200).contentType("text/event-stream").extract().asString();
        List<String[]> events = Sse.events(stream);
        assertThat(events).extracting(e -> e[0]).containsSubsequence("stdout", "stdout", "result", "end");
        assertThat(events).filteredOn(e -> e[0].equals("stderr")).extracting(e -> e[1]).containsExactly("{\"line\":\"two\"}");
        assertThat(events).filteredOn(e -> e[0].equals("stdout")).extracting(e -> e[1])
                .containsExactly("{\"line\":\"one\"}", "{\"line\":\"three\"}");
        JsonObject result = new JsonObject(events.get(events.size() - 2)[1]);
        assertThat(result.getString("status")).isEqualTo("success");
        assertThat(result.getString("output")).isEqualTo("one\nthree\n");
    }

    @Test
    void aStreamedCommandSendsItsHeadersAndAStartEventBeforeItPrintsAnything() throws Exception {
        long start = System.nanoTime();
        try (java.net.Socket socket = RawHttp.openPost("/command", "{\"command\":\"migrate\",\"service\":\"api\"}",
                "Accept: text/event-stream")) {
            String head = RawHttp.readUntil(socket, "event: start\ndata: {\"command\":\"migrate\",\"service\":\"api\"}\n\n");
            // migrate prints nothing until COMMAND_TIMEOUT (2s) kills it
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(1500));
            assertThat(head).startsWith("HTTP/1.1 200").contains("text/event-stream");
            assertThat(RawHttp.readUntil(socket, "event: end")).contains("\"status\":\"timeout\"");
        }
    }

    @Test
    void anUnknownServiceIs404AndAudited() throws Exception {
        int before = auditLines().size();
        command("git status", "nope").then().statusCode(404).body("detail", equalTo("Service nope not found"));
        assertThat(auditLines()).hasSize(before + 1);
        assertThat(auditLines().get(before).getString("status")).isEqualTo("not_found");
    }

    @Test
    void aStreamedCommandForAnUnknownServiceIs404BeforeAnyStreamStarts() throws Exception {
        int before = auditLines().size();
        given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"command\":\"git status\",\"service\":\"nope\"}")
                .when().post("/command")
                .then().statusCode(404).contentType(ContentType.JSON).body("detail", equalTo("Service nope not found"));
        assertThat(auditLines()).as("audited once").hasSize(before + 1);
        assertThat(auditLines().get(before).getString("status")).isEqualTo("not_found");
    }

    @Test
    void badBodiesAre422() {
        given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON).body("{\"service\":\"api\"}")
                .when().post("/command").then().statusCode(422).body("detail", containsString("command"));
        command("git commit -m 'unbalanced", "api").then().statusCode(422).body("detail", containsString("quote"));
    }

    @Test
    void everyCallIsAuditedWithoutSecrets() throws Exception {
        int before = auditLines().size();
        command("git log --grep ghp_abcdefghijklmnopqrstuvwxyz0123456789", "api").then().statusCode(200);
        JsonObject line = auditLines().get(before);
        assertThat(line.fieldNames()).contains("timestamp", "user", "command", "service", "status", "exit_code",
                "duration_ms", "output_preview");
        assertThat(line.getString("user")).isEqualTo("ceo");
        assertThat(line.getString("service")).isEqualTo("api");
        assertThat(line.getString("command")).isEqualTo("git log --grep ***").doesNotContain("ghp_");
    }

    @Test
    void concurrentCallsWriteWholeAuditLines() throws Exception {
        int before = auditLines().size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(IntStream.range(0, 40)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> command("rm -rf /tmp/x" + i, "api"), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        List<JsonObject> lines = auditLines();
        assertThat(lines).hasSize(before + 40);
        assertThat(lines.subList(before, lines.size())).allSatisfy(l -> assertThat(l.getString("status")).isEqualTo("forbidden"));
    }

    @Test
    void commandsBeyondTheConcurrencyLimitAre429() {
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> command("migrate", "api"));
        Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> ProcessHandle.allProcesses()
                .anyMatch(CommandResourceTest::isTestSleep));
        command("git status", "api").then().statusCode(429).body("detail", containsString("COMMAND_MAX_CONCURRENT"));
        assertThat(slow.join().jsonPath().getString("status")).isEqualTo("timeout");
    }

    @Test
    void processesACommandLeavesInTheBackgroundDieWithItsSandbox() {
        // "restore" starts "sleep 316 &" and exits at once; the sleep is re-parented out of the tree,
        // but not out of the sandbox's PID namespace, which ends with the command.
        command("restore", "api").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("exit_code", equalTo(0))
                .body("output", equalTo("started\n"));
        Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() ->
                ProcessHandle.allProcesses().noneMatch(p -> isSleep(p, "316")));
    }

    /** A {@code sleep 313} or {@code sleep 314} of the migrate handler (not a JVM whose arguments mention them). */
    static boolean isTestSleep(ProcessHandle process) {
        return isSleep(process, "313") || isSleep(process, "314");
    }

    static boolean isSleep(ProcessHandle process, String seconds) {
        return process.info().command().map(c -> c.endsWith("/sleep")).orElse(false)
                && process.info().arguments().map(a -> a.length == 1 && a[0].equals(seconds)).orElse(false);
    }

    @Test
    void aStreamingClientThatGoesAwayStopsItsCommand() throws Exception {
        try (java.net.Socket socket = RawHttp.openPost("/command", "{\"command\":\"backup\",\"service\":\"api\"}",
                "Accept: text/event-stream")) {
            RawHttp.readUntil(socket, "{\"line\":\"started\"}");
            // "started" is printed before the sleep starts: wait for it, not just look.
            Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() ->
                    ProcessHandle.allProcesses().anyMatch(p -> isSleep(p, "315")));
        }
        Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() ->
                ProcessHandle.allProcesses().noneMatch(p -> isSleep(p, "315")));
        Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> auditLines().stream()
                .anyMatch(l -> l.getString("command").equals("backup") && l.getString("status").equals("cancelled")));
    }
}
