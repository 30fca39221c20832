package dev.workbench.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the output of {@code escape.sh} must show when the sandbox held. */
final class SandboxAssertions {

    /** Variables a command's own shell sets or is given: not evidence of reading the service's environment. */
    private static final Set<String> OWN = Set.of("PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_", "TERM", "HOSTNAME");

    private SandboxAssertions() {
    }

    static void escapeFailed(String output) {
        assertThat(output).contains("escape-script-ran").doesNotContain("wrote-outside").doesNotContain("remounted")
                .containsPattern("CapEff:\\s+0000000000000000");
        assertThat(CommandsProfile.OUTSIDE_WRITE).doesNotExist();
        assertThat(CommandsProfile.MARKER).as("a write to the host's /tmp").doesNotExist();
        List<String> processes = output.lines().filter(line -> line.startsWith("process: ")).toList();
        assertThat(processes).as("processes the command can see").isNotEmpty().hasSizeLessThan(10)
                .noneMatch(line -> line.contains("java"));
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            if (!OWN.contains(variable.getKey()) && variable.getValue().length() >= 3) {
                assertThat(output).as("the service's environment").doesNotContain(variable.getKey() + "=" + variable.getValue());
            }
        }
    }
}
