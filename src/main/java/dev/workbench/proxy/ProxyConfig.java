package dev.workbench.proxy;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The guarded proxy to the tool services. */
@ConfigMapping(prefix = "workbench.proxy")
public interface ProxyConfig {

    /** Largest request body the proxy forwards: 1 MiB. */
    long MAX_REQUEST_BYTES = 1024 * 1024;

    /** {@code RESTRICT_MCP_PROXY}: when true, a path's first segment must be in its service's allowlist. */
    @io.smallrye.config.WithConverter(dev.workbench.common.StrictBoolean.RestrictMcpProxy.class)
    Boolean restrictMcpProxy();

    /**
     * {@code PROXY_TIMEOUT}: longest wait for a tool service's answer to begin, and then the longest
     * silence while it is streamed through (an agent's tool call waits at most this for the whole
     * answer), unless the service sets its own (default 5s).
     */
    Duration timeout();

    /**
     * {@code PROXY_MAX_RESPONSE_SIZE}: largest tool-service answer passed back: a larger declared
     * length is a 502; a stream that grows past it is cut (default 10M).
     */
    MemorySize maxResponseSize();

    /**
     * {@code PROXY_BREAKER_VOLUME}: of this many recent calls to one service, if half failed to get
     * an answer (unreachable, too slow, too large), calls to it stop for a while (default 20).
     */
    int breakerVolume();

    /** {@code PROXY_BREAKER_DELAY}: how long calls to a failing service stop before one is tried again (default 10s). */
    java.time.Duration breakerDelay();
}
