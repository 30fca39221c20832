package dev.workbench.agent.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The kinds of the backend's own tools, as {@code agent-tools.json} spells them: an unknown kind
 * fails at startup. Each runs under the policy of its endpoint (see {@link WorkbenchTools}).
 */
@RegisterForReflection
public enum InternalTool {
    /** {@code POST /command}: an allow-listed command in a configured repository. */
    @JsonProperty("command")
    COMMAND,
    /** {@code POST /deploy}, offered only with {@code AGENT_ALLOW_DEPLOYS}. */
    @JsonProperty("deploy")
    DEPLOY,
    /** {@code GET /health}. */
    @JsonProperty("health")
    HEALTH
}
