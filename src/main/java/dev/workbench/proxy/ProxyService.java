package dev.workbench.proxy;

import dev.workbench.common.ApiException;
import dev.workbench.services.ServiceClient;
import dev.workbench.services.ServiceRegistry;
import dev.workbench.services.ToolService;
import dev.workbench.services.UpstreamResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The guarded path to a tool service, for the proxy and for anything else that calls a service on
 * someone's behalf: path validation, known service, allowlist, size limit, then one pooled hop.
 */
@ApplicationScoped
public class ProxyService {

    private final ServiceRegistry registry;
    private final ServiceClient client;
    private final boolean restricted;

    ProxyService(ServiceRegistry registry, ServiceClient client, ProxyConfig config) {
        this.registry = registry;
        this.client = client;
        this.restricted = config.restrictMcpProxy();
    }

    /**
     * Forwards to {@code {service url}/{path}?{query}}. {@code rawPath} is the whole request path,
     * {@code /mcp/{service}/{path}}, as received; {@code query} is the raw query string or null.
     */
    public Uni<UpstreamResponse> forward(HttpMethod method, String rawPath, String query, String contentType,
            String accept, byte[] body) {
        ProxyPath.Target target = ProxyPath.parse(rawPath).orElseThrow(() -> new ApiException(400, "Invalid path"));
        ToolService service = registry.find(target.service())
                .orElseThrow(() -> new ApiException(404, "Service " + target.service() + " not found"));
        if (restricted && !service.allowlist().contains(target.firstSegment())) {
            throw new ApiException(403, "Endpoint not allowed");
        }
        if (body != null && body.length > ProxyConfig.MAX_REQUEST_BYTES) {
            throw new ApiException(413, "Request body too large: at most " + ProxyConfig.MAX_REQUEST_BYTES + " bytes");
        }
        String pathAndQuery = query == null || query.isEmpty() ? target.path() : target.path() + "?" + query;
        return client.forward(service, method, pathAndQuery, contentType, accept, body);
    }
}
