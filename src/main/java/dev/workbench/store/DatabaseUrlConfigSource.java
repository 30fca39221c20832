package dev.workbench.store;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps {@code DATABASE_URL} to the Quarkus datasource's settings, read at runtime (never at build
 * time): with it, the datasource and Flyway are active; without it (or when it does not parse,
 * which the store then refuses at startup, naming it) they are not, and nothing connects. Explicit
 * {@code QUARKUS_DATASOURCE_*} variables still win (ordinal below the environment's).
 */
public class DatabaseUrlConfigSource implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue("DATABASE_URL");
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.active", "false");
        if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
            try {
                DatabaseUrl url = DatabaseUrl.parse(value.getValue());
                properties.put("quarkus.datasource.active", "true");
                properties.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
                if (url.username() != null) {
                    properties.put("quarkus.datasource.username", url.username());
                }
                if (url.password() != null) {
                    properties.put("quarkus.datasource.password", url.password());
                }
            } catch (IllegalArgumentException malformed) {
                // StoreProducer refuses to start with the reason.
            }
        }
        return List.of(new MapBackedConfigSource("DATABASE_URL", properties, ORDINAL) {
        });
    }
}
