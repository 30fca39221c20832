package dev.workbench.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code ALLOW_FULL_PRIVILEGE_COMMANDS=true} and {@code SAFE_COMMANDS_ONLY=false}: the operator's
 * explicit choice, and with the grammar out of the way, the OS sandbox tested on its own.
 */
@QuarkusTest
@TestProfile(FullPrivilegeCommandsTest.FullPrivilege.class)
class FullPrivilegeCommandsTest {

    public static class FullPrivilege extends CommandsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("workbench.command.allow-full-privilege-commands", "yes");
            config.put("workbench.command.safe-commands-only", "0");
            return config;
        }
    }

    @Test
    void customCommandsRunThroughTheShell() {
        CommandResourceTest.command("echo $((40 + 2)) | tr 4 X", "api").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("output", equalTo("X2\n"));
    }

    @Test
    void theSandboxHoldsWhenTheGrammarIsOutOfTheWay() {
        String output = CommandResourceTest.command("sh escape.sh; cat /proc/" + ProcessHandle.current().pid() + "/environ", "api")
                .then().statusCode(200).extract().path("output");
        SandboxAssertions.escapeFailed(output);
    }

    @Test
    void nothingOutsideTheRepositoryIsWritable() {
        CommandResourceTest.command("touch /usr/workbench-x || touch /etc/workbench-x || echo refused", "api").then()
                .body("output", equalTo("refused\n"));
        assertThat(Path.of("/usr/workbench-x")).doesNotExist();
        assertThat(Path.of("/etc/workbench-x")).doesNotExist();
        CommandResourceTest.command("touch inside-the-repository && echo wrote", "api").then().body("output", equalTo("wrote\n"));
        assertThat(CommandsProfile.REPO.resolve("inside-the-repository")).exists();
        CommandResourceTest.command("rm inside-the-repository", "api").then().body("status", equalTo("success"));
    }

    @Test
    void theNetworkIsUnsharedForCommandsThatDoNotNeedIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(1_000);
            CommandResourceTest.command("bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "' && echo connected", "api")
                    .then().body("status", equalTo("failed")).body("output", not(containsString("connected")));
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aProcessLeftInTheBackgroundDiesWithTheCommand() {
        CommandResourceTest.command("sleep 317 & echo started", "api").then().body("status", equalTo("success"));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() ->
                ProcessHandle.allProcesses().noneMatch(p -> CommandResourceTest.isSleep(p, "317")));
    }

    @Test
    void aJwtACommandPrintsIsMaskedInTheAuditLog() throws Exception {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjZW8ifQ.c2lnbmF0dXJlLWJ5dGVz";
        int before = CommandResourceTest.auditLines().size();
        CommandResourceTest.command("printf 'token=%s\\n' " + jwt.substring(0, 20) + jwt.substring(20), "api")
                .then().body("status", equalTo("success"));
        // The entry before it ran, then its outcome with the output's preview.
        assertThat(CommandResourceTest.auditLines().get(before).getString("status")).isEqualTo("started");
        io.vertx.core.json.JsonObject line = CommandResourceTest.auditLines().get(before + 1);
        assertThat(line.getString("output_preview")).isEqualTo("token=***\n");
        assertThat(line.encode()).doesNotContain("eyJ");
    }

    @Test
    void gitIsNoLongerLimitedToTheSafeSubcommands() {
        CommandResourceTest.command("git rev-parse --abbrev-ref HEAD", "api").then().statusCode(200)
                .body("status", equalTo("success"));
    }
}
