package dev.workbench.proxy;

import dev.workbench.common.Failure;
import dev.workbench.toolservice.ToolServiceClient;
import dev.workbench.toolservice.ToolServiceRegistry;
import dev.workbench.toolservice.ToolService;
import dev.workbench.toolservice.UpstreamResponse;
import dev.workbench.toolservice.UpstreamStream;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The guarded path to a tool service, for the proxy and for anything else that calls a service on
 * someone's behalf: path validation, known service, allowlist, size limit, then one pooled hop,
 * its answer read whole (for the agents' tools) or streamed through (for the proxy route).
 */
@ApplicationScoped
public class ProxyService {

    private final ToolServiceRegistry registry;
    private final ToolServiceClient client;
    private final boolean restricted;

    ProxyService(ToolServiceRegistry registry, ToolServiceClient client, ProxyConfig config) {
        this.registry = registry;
        this.client = client;
        this.restricted = config.restrictMcpProxy();
    }

    /**
     * Forwards to {@code {service url}/{path}?{query}} and reads the answer whole; {@code query} is
     * the raw query string or null.
     */
    public Uni<UpstreamResponse> forward(ProxyPath.Target target, HttpMethod method, String query, String contentType,
            String accept, byte[] body) {
        Hop hop = hop(target, query, body);
        return client.forward(hop.service(), method, hop.pathAndQuery(), contentType, accept, body);
    }

    /**
     * Forwards a proxy request, whose whole path {@code /mcp/{service}/{path}} is {@code rawPath} as
     * received, and streams the answer back as it arrives.
     */
    public Uni<UpstreamStream> open(HttpMethod method, String rawPath, String query, String contentType,
            String accept, byte[] body) {
        Hop hop = hop(ProxyPath.parse(rawPath).orElseThrow(() -> new Failure.Malformed("Invalid path")), query, body);
        return client.open(hop.service(), method, hop.pathAndQuery(), contentType, accept, body);
    }

    private record Hop(ToolService service, String pathAndQuery) {
    }

    /** Where a request may go, or why not: an unknown service, a path not allowed, a body too large. */
    private Hop hop(ProxyPath.Target target, String query, byte[] body) {
        ToolService service = registry.find(target.service())
                .orElseThrow(() -> new Failure.NotFound("Service " + target.service() + " not found"));
        if (restricted && !service.allowlist().contains(target.firstSegment())) {
            throw new Failure.Refused("Endpoint not allowed");
        }
        if (body != null && body.length > ProxyConfig.MAX_REQUEST_BYTES) {
            throw new Failure.TooLarge("Request body too large: at most " + ProxyConfig.MAX_REQUEST_BYTES + " bytes");
        }
        return new Hop(service, query == null || query.isEmpty() ? target.path() : target.path() + "?" + query);
    }
}
