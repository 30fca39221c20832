package dev.workbench.command;

import io.smallrye.config.ConfigMapping;

/** Policies of {@code POST /command}. */
@ConfigMapping(prefix = "workbench.command")
public interface CommandConfig {

    /** {@code ALLOW_FULL_PRIVILEGE_COMMANDS}: allow custom commands outside the known handlers (default false). */
    boolean allowFullPrivilegeCommands();

    /** {@code SAFE_COMMANDS_ONLY}: restrict git, docker, npm and python to safe subcommands (default true). */
    boolean safeCommandsOnly();
}
