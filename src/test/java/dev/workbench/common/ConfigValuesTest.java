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
}
