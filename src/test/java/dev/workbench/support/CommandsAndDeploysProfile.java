package dev.workbench.support;

import dev.workbench.command.CommandsProfile;
import dev.workbench.deploy.DeployProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The repository of the command tests, the deploy stand-ins of the deploy tests, and deploys offered
 * to agents: one application for the command, deploy and agent-tool tests (and their integration twins).
 */
public class CommandsAndDeploysProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(new CommandsProfile().getConfigOverrides());
        overrides.putAll(new DeployProfile().getConfigOverrides());
        overrides.put("workbench.agent.allow-deploys", "true");
        return overrides;
    }

    @Override
    public java.util.List<TestResourceEntry> testResources() {
        return new DeployProfile().testResources();
    }
}
