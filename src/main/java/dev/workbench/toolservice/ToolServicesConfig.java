package dev.workbench.toolservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool services, keyed by id ({@code workbench.services.<id>.*}). The four of the original are
 * defaults in application.properties; another is added by configuration alone.
 */
@ConfigMapping(prefix = "workbench.services")
public interface ToolServicesConfig {

    @WithParentName
    Map<String, Service> all();

    /** One tool service. */
    interface Service {

        /** Display name shown by /health, e.g. "Knowledge Graph Memory". */
        String name();

        /** Base URL; {@code MEMORY_URL}, {@code FILESYSTEM_URL}, {@code GIT_URL}, {@code VECTOR_URL} for the four defaults. */
        URI url();

        /** First path segments the proxy lets through when {@code RESTRICT_MCP_PROXY} is on. */
        Optional<List<String>> allowlist();

        /** This service's own timeout ({@link ToolClientConfig#timeout()}); {@code PROXY_TIMEOUT} when unset. */
        Optional<Duration> timeout();
    }
}
