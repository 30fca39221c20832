package dev.workbench.agent;

import dev.workbench.command.CommandsProfile;
import dev.workbench.deploy.DeployProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** The repository of the command tests, the deploy stand-ins of the deploy tests, and deploys offered to agents. */
public class WorkbenchToolsProfile implements QuarkusTestProfile {

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
