package dev.workbench.command;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ALLOW_FULL_PRIVILEGE_COMMANDS=true} and {@code SAFE_COMMANDS_ONLY=false}: the operator's explicit choice. */
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
    void gitIsNoLongerLimitedToTheSafeSubcommands() {
        CommandResourceTest.command("git rev-parse --abbrev-ref HEAD", "api").then().statusCode(200)
                .body("status", equalTo("success"));
    }
}
