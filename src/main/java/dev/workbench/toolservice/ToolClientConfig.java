package dev.workbench.toolservice;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * How every call to a tool service behaves, whoever makes it (the proxy, an agent's tool call):
 * its timeout, the largest answer taken, and when its circuit breaker opens. The variables keep
 * the names of the original's proxy settings; their defaults are written once, beside them in
 * {@code application.properties}.
 */
@ConfigMapping(prefix = "workbench.tool-client")
public interface ToolClientConfig {

    /**
     * {@code PROXY_TIMEOUT}: longest wait for a tool service's answer to begin, and then the longest
     * silence while it is streamed through (an agent's tool call waits at most this for the whole
     * answer), unless the service sets its own.
     */
    Duration timeout();

    /**
     * {@code PROXY_MAX_RESPONSE_SIZE}: largest tool-service answer taken: a larger declared length is
     * an upstream failure; a stream that grows past it is cut.
     */
    MemorySize maxResponseSize();

    /**
     * {@code PROXY_BREAKER_VOLUME}: of this many recent calls to one service, if half failed to get
     * an answer (unreachable, too slow, declared too large), calls to it stop for a while.
     */
    int breakerVolume();

    /** {@code PROXY_BREAKER_DELAY}: how long calls to a failing service stop before one is tried again. */
    Duration breakerDelay();
}
