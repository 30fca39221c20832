package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Environment toggles read as the original read them: 1, true, yes in any case are true. */
class ConfigValuesTest {

    @ParameterizedTest
    @CsvSource({"1,true", "true,true", "TRUE,true", "yes,true", "Yes,true", "0,false", "false,false", "no,false", "nope,false"})
    void booleansAcceptTheOriginalsSpellings(String value, boolean expected) {
        // Every boolean of the configuration mappings (RESTRICT_MCP_PROXY, SAFE_COMMANDS_ONLY...) converts this way.
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(Map.of("RESTRICT_MCP_PROXY", value,
                        "workbench.proxy.restrict-mcp-proxy", "${RESTRICT_MCP_PROXY:false}"), "test", 500))
                .build();
        assertThat(config.getValue("workbench.proxy.restrict-mcp-proxy", Boolean.class)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"development,DEVELOPMENT", "production,PRODUCTION", "Production,PRODUCTION", " development ,DEVELOPMENT"})
    void environmentIsDevelopmentOrProduction(String value, Environment expected) {
        assertThat(new Environment.Converter().convert(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"prod", "staging", "''"})
    void anyOtherEnvironmentNamesTheVariable(String value) {
        assertThatThrownBy(() -> new Environment.Converter().convert(value))
                .hasMessageContaining("ENVIRONMENT");
    }

    @ParameterizedTest
    @CsvSource({"fly,FLY", "github,GITHUB"})
    void deployStrategiesReadAsConfigurationSpellsThem(String value, dev.workbench.deploy.DeployStrategy expected) {
        dev.workbench.deploy.DeployStrategy strategy = dev.workbench.support.DeployConfigs
                .with(Map.of("workbench.deploy.targets.staging.strategy", value)).targets().get("staging").strategy();
        assertThat(strategy).isEqualTo(expected);
        assertThat(strategy.toString()).isEqualTo(value);
    }

    @org.junit.jupiter.api.Test
    void anUnknownDeployStrategyFailsAtStartupNamingItsKey() {
        assertThatThrownBy(() -> dev.workbench.support.DeployConfigs.read(Map.of("workbench.deploy.targets.staging.strategy", "ftp")))
                .hasMessageContaining("workbench.deploy.targets.staging.strategy").hasMessageContaining("ftp");
    }

    @org.junit.jupiter.api.Test
    void anUnknownProviderFailsAtStartupNamingItsKey() {
        assertThatThrownBy(() -> mapping(dev.workbench.agent.AgentCatalogConfig.class, "workbench.agents", Map.of(
                "workbench.agents.orchestrator.provider", "gemini", "workbench.agents.orchestrator.model", "m",
                "workbench.agents.orchestrator.system-prompt", "p")))
                .hasMessageContaining("workbench.agents.orchestrator.provider").hasMessageContaining("gemini");
    }

    private static SmallRyeConfig mapping(Class<?> type, String prefix, Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(type, prefix).withConverter(Boolean.class, 200, new StrictBoolean.GithubRecordDeployment())
                .build();
    }
}
