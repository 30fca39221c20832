package dev.workbench.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * {@code RESTRICT_MCP_PROXY} on (in one of the forms the original accepted), and the vector service's
 * allowlist narrowed to {@code health,stats}: for the proxy's and the agents' tool calls alike.
 */
public class RestrictedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("workbench.proxy.restrict-mcp-proxy", "yes",
                "workbench.services.vector.allowlist", "health,stats");
    }
}
