package dev.workbench.common;

import io.smallrye.config.ConfigMapping;
import java.util.Set;

/** Cross-origin access for the browser dashboard. */
@ConfigMapping(prefix = "workbench.cors")
public interface CorsConfig {

    /** {@code ALLOWED_ORIGINS}: comma-separated origins that may call with credentials. */
    Set<String> allowedOrigins();
}
