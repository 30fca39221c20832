package dev.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.common.AuditLog;
import dev.workbench.deploy.DeployResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's files: what is written is there after a restart, and a torn last line loses nothing before it. */
class EmbeddedStoreTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path data;

    private EmbeddedStore open() throws Exception {
        return new EmbeddedStore(data, data.resolve("audit.jsonl"), json, Duration.ofMinutes(1));
    }

    private static AuditLog.Entry entry(String command, String status) {
        return new AuditLog.Entry(null, Instant.now().toString(), "ceo", command, "api", status, null, 3, "", null);
    }

    private static DeployResult deployment(String id, String status) {
        return new DeployResult(status, id, "https://a.fly.dev", List.of("log"), null, "staging", "api", "1.0.0", "fly",
                "registry.fly.io/a:1.0.0", null);
    }

    @Test
    void everythingWrittenIsThereAfterARestart() throws Exception {
        EmbeddedStore store = open();
        store.appendAudit(entry("lint", "started"));
        store.appendAudit(entry("lint", "success"));
        assertThat(store.createDeployment(deployment("deploy-api-1", "running"), Instant.parse("2026-11-27T10:00:00Z"))).isTrue();
        assertThat(store.createDeployment(deployment("deploy-api-1", "running"), Instant.now())).as("id taken").isFalse();
        store.finishDeployment(deployment("deploy-api-1", "success"));
        store.createDeployment(deployment("deploy-api-2", "running"), Instant.parse("2026-11-27T10:01:00Z"));
        store.saveRun(new RunRecord("run-1", "agent", "developer", "ceo", List.of(), RunRecord.RUNNING, "2026-11-27T10:00:00Z",
                null, 0, 0, null));
        store.saveRun(new RunRecord("run-1", "agent", "developer", "ceo", List.of("gpt-4.1"), RunRecord.COMPLETED,
                "2026-11-27T10:00:00Z", "2026-11-27T10:00:05Z", 10, 20, null));
        for (int i = 0; i < 3; i++) {
            store.countLoginAttempt("203.0.113.9", Duration.ofMinutes(1), 5);
        }
        store.close();

        EmbeddedStore reopened = open();
        assertThat(reopened.audit(Instant.EPOCH, 0, 10)).extracting(AuditLog.Entry::id, AuditLog.Entry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "started"), org.assertj.core.groups.Tuple.tuple(2L, "success"));
        assertThat(reopened.audit(Instant.EPOCH, 1, 10)).extracting(AuditLog.Entry::id).containsExactly(2L);
        assertThat(reopened.deployment("deploy-api-1")).get().extracting(DeployResult::status).isEqualTo("success");
        assertThat(reopened.deployments(0, 10)).extracting(DeployResult::deploymentId).containsExactly("deploy-api-2", "deploy-api-1");
        assertThat(reopened.run("run-1")).get().extracting(RunRecord::status, RunRecord::outputTokens)
                .containsExactly(RunRecord.COMPLETED, 20L);
        assertThat(reopened.countLoginAttempt("203.0.113.9", Duration.ofMinutes(1), 5).attempts()).as("counted before the restart")
                .isEqualTo(4);
        // Compacted at startup: one line per deployment and run.
        assertThat(Files.readAllLines(data.resolve("deployments.jsonl"))).hasSize(2);
        assertThat(Files.readAllLines(data.resolve("runs.jsonl"))).hasSize(1);
        reopened.close();
    }

    @Test
    void aTornLastLineIsSkippedAndEverythingBeforeItIsKept() throws Exception {
        EmbeddedStore store = open();
        store.appendAudit(entry("lint", "started"));
        store.appendAudit(entry("lint", "success"));
        store.createDeployment(deployment("deploy-api-1", "success"), Instant.now());
        store.close();
        // A crash in the middle of the next writes: half a line, no newline.
        Files.writeString(data.resolve("audit.jsonl"), "{\"timestamp\":\"2026-11-27T10:0", StandardOpenOption.APPEND);
        Files.writeString(data.resolve("deployments.jsonl"), "{\"created\":\"2026", StandardOpenOption.APPEND);

        EmbeddedStore reopened = open();
        assertThat(reopened.audit(Instant.EPOCH, 0, 10)).extracting(AuditLog.Entry::status).containsExactly("started", "success");
        assertThat(reopened.deployment("deploy-api-1")).isPresent();
        // The next record starts on a line of its own, and is read back.
        reopened.appendAudit(entry("test", "started"));
        reopened.close();
        List<String> lines = Files.readAllLines(data.resolve("audit.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(json.readTree(line).path("command").asText()).isNotEmpty());
        assertThat(open().audit(Instant.EPOCH, 0, 10)).extracting(AuditLog.Entry::command).containsExactly("lint", "lint", "test");
    }

    @Test
    void aCompleteLastLineThatIsNotJsonIsTornToo() throws Exception {
        EmbeddedStore store = open();
        store.appendAudit(entry("lint", "success"));
        store.close();
        Files.write(data.resolve("audit.jsonl"), new byte[] {'{', '"', 0, 0, 0, '\n'}, StandardOpenOption.APPEND);
        EmbeddedStore reopened = open();
        assertThat(reopened.audit(Instant.EPOCH, 0, 10)).extracting(AuditLog.Entry::command).containsExactly("lint");
        assertThat(Files.readAllLines(data.resolve("audit.jsonl"))).hasSize(1);
        reopened.close();
    }

    @Test
    void theAuditTrailPagesBySinceAndAfter() throws Exception {
        EmbeddedStore store = open();
        for (int i = 0; i < 5; i++) {
            store.appendAudit(new AuditLog.Entry(null, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i).toString(), "ceo",
                    "c" + i, "api", "success", 0, 1, "", null));
        }
        assertThat(store.audit(Instant.parse("2026-11-27T10:00:02Z"), 0, 10)).extracting(AuditLog.Entry::command)
                .containsExactly("c2", "c3", "c4");
        assertThat(store.audit(Instant.EPOCH, 0, 2)).extracting(AuditLog.Entry::id).containsExactly(1L, 2L);
        assertThat(store.audit(Instant.EPOCH, 2, 2)).extracting(AuditLog.Entry::id).containsExactly(3L, 4L);
        store.close();
    }

    @Test
    void loginCountsStopChangingPastTheLimitAndAWrittenClearForgetsTheClient() throws Exception {
        EmbeddedStore store = open();
        for (int i = 0; i < 50; i++) {
            store.countLoginAttempt("198.51.100.1", Duration.ofMinutes(1), 5);
        }
        assertThat(Files.readAllLines(data.resolve("logins.jsonl"))).as("a burst past the limit writes nothing more").hasSize(6);
        assertThat(store.countLoginAttempt("198.51.100.1", Duration.ofMinutes(1), 5).attempts()).isEqualTo(6);
        store.clearLoginAttempts("198.51.100.1", Duration.ofMinutes(1));
        store.close();
        EmbeddedStore reopened = open();
        assertThat(reopened.countLoginAttempt("198.51.100.1", Duration.ofMinutes(1), 5).attempts()).isEqualTo(1);
        reopened.close();
    }

    @Test
    void whatWasStillRunningWhenTheProcessEndedIsRecordedAsInterrupted() throws Exception {
        EmbeddedStore store = open();
        store.createDeployment(deployment("deploy-api-9", "running"), Instant.now());
        store.saveRun(new RunRecord("run-9", "agent", "developer", "ceo", List.of("gpt-4.1"), RunRecord.RUNNING,
                Instant.now().toString(), null, 5, 0, null));
        store.close(); // as a crash would leave them
        EmbeddedStore reopened = open();
        assertThat(reopened.deployment("deploy-api-9")).get().satisfies(d -> {
            assertThat(d.status()).isEqualTo("error");
            assertThat(d.error()).startsWith("The service stopped before this deployment ended");
        });
        assertThat(reopened.run("run-9")).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunRecord.FAILED);
            assertThat(r.error()).isEqualTo("The service stopped before this run ended");
            assertThat(r.inputTokens()).isEqualTo(5);
        });
        reopened.close();
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefused() throws Exception {
        EmbeddedStore first = open();
        org.assertj.core.api.Assertions.assertThatThrownBy(this::open).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("another process uses it");
        first.close();
        open().close();
    }

    @Test
    void expiredLoginWindowsAreForgottenAtStartup() throws Exception {
        Files.writeString(data.resolve("logins.jsonl"),
                "{\"client\":\"old\",\"window_start\":1000,\"attempts\":5}\n"
                + "{\"client\":\"new\",\"window_start\":" + System.currentTimeMillis() + ",\"attempts\":2}\n");
        EmbeddedStore store = open();
        assertThat(Files.readAllLines(data.resolve("logins.jsonl"))).hasSize(1).allSatisfy(line -> assertThat(line).contains("\"new\""));
        assertThat(store.countLoginAttempt("old", Duration.ofMinutes(1), 5).attempts()).isEqualTo(1);
        assertThat(store.countLoginAttempt("new", Duration.ofMinutes(1), 5).attempts()).isEqualTo(3);
        store.close();
    }

    @Test
    void aWriteFromAnInterruptedThreadLandsAndTheFileKeepsWorking() throws Exception {
        EmbeddedStore store = open();
        Thread.currentThread().interrupt();
        try {
            store.appendAudit(entry("backup", "cancelled"));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is handed back").isTrue();
        } finally {
            Thread.interrupted();
        }
        store.appendAudit(entry("backup", "started"));
        assertThat(store.audit(Instant.EPOCH, 0, 10)).extracting(AuditLog.Entry::status).containsExactly("cancelled", "started");
        store.close();
    }

    @Test
    void aLineThatIsJsonButNoRecordIsSkipped() throws Exception {
        Files.writeString(data.resolve("deployments.jsonl"), "{\"created\":\"x\"}\n[1,2]\n");
        Files.writeString(data.resolve("audit.jsonl"), "{\"status\":\"odd\"}\n");
        EmbeddedStore store = open();
        assertThat(store.deployments(0, 10)).isEmpty();
        assertThat(store.audit(Instant.EPOCH, 0, 10)).extracting(AuditLog.Entry::status).containsExactly("odd");
        store.close();
    }
}
