package dev.workbench.proxy;

import io.smallrye.config.ConfigMapping;

/** The guarded proxy to the tool services. */
@ConfigMapping(prefix = "workbench.proxy")
public interface ProxyConfig {

    /** {@code RESTRICT_MCP_PROXY}: when true, a path's first segment must be in its service's allowlist. */
    boolean restrictMcpProxy();
}
