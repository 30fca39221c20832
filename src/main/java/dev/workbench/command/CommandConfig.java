package dev.workbench.command;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Policies and limits of {@code POST /command}. */
@ConfigMapping(prefix = "workbench.command")
public interface CommandConfig {

    /** {@code ALLOW_FULL_PRIVILEGE_COMMANDS}: allow custom commands, run through {@code /bin/sh -c} (default false). */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.AllowFullPrivilegeCommands.class)
    Boolean allowFullPrivilegeCommands();

    /** {@code SAFE_COMMANDS_ONLY}: git, docker, npm and python only as their allowlist grammars accept (default true). */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.SafeCommandsOnly.class)
    Boolean safeCommandsOnly();

    /** {@code COMMAND_TIMEOUT}: longest run; then the whole process tree is killed (default 120s). */
    Duration timeout();

    /** {@code COMMAND_MAX_OUTPUT}: most bytes kept of stdout and of stderr each (default 1M). */
    MemorySize maxOutput();

    /** {@code COMMAND_MAX_CONCURRENT}: commands at once; more reach the limit (default 4). */
    int maxConcurrent();

    /** {@code COMMAND_SANDBOX}: {@code bwrap} (bubblewrap around every command, the default) or {@code none}. */
    SandboxKind sandbox();

    /** {@code COMMAND_SANDBOX_READ_ONLY}: more host directories commands may read, e.g. a toolchain outside /usr. */
    Optional<List<Path>> sandboxReadOnly();

    /** The OS sandbox commands run in. */
    enum SandboxKind {
        BWRAP, NONE
    }

    /** {@code COMMAND_PASS_ENV}: variables passed to commands besides PATH, HOME and LANG, e.g. GITHUB_TOKEN. */
    Optional<List<String>> passEnv();
}
