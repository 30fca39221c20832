package dev.workbench.proxy;

import io.smallrye.config.ConfigMapping;

/** The guarded proxy route to the tool services; how each call behaves is the tool client's ({@code ToolClientConfig}). */
@ConfigMapping(prefix = "workbench.proxy")
public interface ProxyConfig {

    /** Largest request body the proxy forwards: 1 MiB. */
    long MAX_REQUEST_BYTES = 1024 * 1024;

    /** {@code RESTRICT_MCP_PROXY}: when true, a path's first segment must be in its service's allowlist. */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.RestrictMcpProxy.class)
    Boolean restrictMcpProxy();
}
