package dev.workbench.support;

import dev.workbench.common.StrictBoolean;
import dev.workbench.deploy.DeployConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;

/** The deploy configuration read by SmallRye alone, as at startup: the required keys, plus the test's own. */
public final class DeployConfigs {

    private DeployConfigs() {
    }

    public static SmallRyeConfig read(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "workbench.deploy.image-repository", "registry.fly.io/{app}", "workbench.deploy.github-workflow", "deploy.yml",
                "workbench.deploy.github-ref", "main", "workbench.deploy.github-record-deployment", "true",
                "workbench.deploy.machine-timeout", "PT60S", "workbench.deploy.poll-interval", "PT1S", "workbench.deploy.history", "100",
                "workbench.deploy.targets.staging.strategy", "fly"));
        properties.putAll(extra);
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(DeployConfig.class, "workbench.deploy")
                .withConverter(Boolean.class, 200, new StrictBoolean.GithubRecordDeployment())
                .build();
    }

    public static DeployConfig with(Map<String, String> extra) {
        return read(extra).getConfigMapping(DeployConfig.class);
    }
}
