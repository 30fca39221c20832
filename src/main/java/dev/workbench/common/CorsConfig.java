package dev.workbench.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.util.Set;

/** Cross-origin access for the browser dashboard, as the original's later version reads it. */
@ConfigMapping(prefix = "workbench.cors")
public interface CorsConfig {

    /** {@code ALLOWED_ORIGINS}: comma-separated origins ({@code scheme://host[:port]}) that may call. */
    Set<String> allowedOrigins();

    /**
     * {@code ALLOW_CREDENTIALS}: whether those origins may send cookies or HTTP auth. The dashboard
     * sends a bearer header, which needs no credentials mode.
     */
    @WithConverter(StrictBoolean.AllowCredentials.class)
    Boolean allowCredentials();
}
