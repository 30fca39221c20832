package dev.workbench.agent;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Limits of agent runs. */
@ConfigMapping(prefix = "workbench.agent")
public interface AgentLimitsConfig {

    /** {@code AGENT_MAX_TOOL_ROUNDS}: times one run may ask for tools before it is stopped (default 8). */
    int maxToolRounds();

    /** {@code AGENT_MAX_DURATION}: longest run (default 5m). */
    Duration maxDuration();

    /** {@code AGENT_MAX_CONCURRENT_RUNS}: runs at once; more are refused (default 32). */
    int maxConcurrentRuns();

    /** {@code AGENT_MAX_DEPTH}: how deep agents may delegate to agents (default 2). */
    int maxDepth();

    /** {@code AGENT_KEEPALIVE}: an {@code event: hb} heartbeat after this much silence on a stream. */
    Duration keepalive();

    /**
     * {@code PII_MASK}: emails and 16-digit card numbers become {@code [EMAIL]} and {@code [CARD]}
     * in everything a run shows its client (the original's governance setting {@code piiMask}).
     */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.PiiMask.class)
    Boolean piiMask();

    /** {@code AGENT_ALLOW_DEPLOYS}: offer the {@code deploy} tool to the agents configured with it (default false). */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.AgentAllowDeploys.class)
    Boolean allowDeploys();
}
