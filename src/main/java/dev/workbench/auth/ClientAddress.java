package dev.workbench.auth;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is calling, for rate limits: the trusted proxy's header when configured, else the peer. */
@ApplicationScoped
public class ClientAddress {

    /** Longer header values are cut, so a hostile header cannot grow the limiter's keys. */
    private static final int MAX_LENGTH = 64;

    private final String header;

    ClientAddress(AuthConfig config) {
        this.header = config.clientIpHeader().orElse(null);
    }

    public String of(HttpServerRequest request) {
        if (header != null) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank()) {
                String trimmed = value.trim();
                return trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed;
            }
        }
        SocketAddress peer = request.remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress();
    }
}
