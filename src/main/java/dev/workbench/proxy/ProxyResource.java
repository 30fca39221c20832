package dev.workbench.proxy;

import dev.workbench.auth.Roles;
import dev.workbench.common.BodyLimit;
import dev.workbench.services.UpstreamResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET|POST /mcp/{service}/{path}}: forwards to the tool service and passes back its status,
 * content type and body unchanged. Only {@code Content-Type} and {@code Accept} travel upstream:
 * never the caller's {@code Authorization}, cookies or hop-by-hop headers.
 */
@Path("/mcp/{service}/{path: .+}")
@RolesAllowed(Roles.ADMIN)
public class ProxyResource {

    private final ProxyService proxy;

    ProxyResource(ProxyService proxy) {
        this.proxy = proxy;
    }

    /** Proxied bodies are at most 1 MiB, refused before they are read when their length is declared. */
    @Produces
    @Singleton
    static BodyLimit proxyBodyLimit() {
        return new BodyLimit(ProxyPath.PREFIX, ProxyConfig.MAX_REQUEST_BYTES);
    }

    @GET
    public Uni<Response> get(@Context HttpServerRequest request, @Context RoutingContext context) {
        return proxy.forward(HttpMethod.GET, request.path(), request.query(), null,
                request.getHeader(HttpHeaders.ACCEPT), null).map(upstream -> toResponse(upstream, context));
    }

    @POST
    public Uni<Response> post(byte[] body, @Context HttpServerRequest request, @Context RoutingContext context) {
        return proxy.forward(HttpMethod.POST, request.path(), request.query(), request.getHeader(HttpHeaders.CONTENT_TYPE),
                request.getHeader(HttpHeaders.ACCEPT), body == null ? new byte[0] : body).map(upstream -> toResponse(upstream, context));
    }

    /** JAX-RS would answer HEAD from GET (forwarding it) and OPTIONS by itself; the proxy takes only GET and POST. */
    @HEAD
    public Response head() {
        throw new NotAllowedException("Only GET and POST are proxied", "GET", new String[] {"POST"});
    }

    @OPTIONS
    public Response options() {
        throw new NotAllowedException("Only GET and POST are proxied", "GET", new String[] {"POST"});
    }

    private static Response toResponse(UpstreamResponse upstream, RoutingContext context) {
        // The answer's bytes leave the memory budget once they are written (or the client is gone).
        context.addEndHandler(ended -> upstream.release());
        Response.ResponseBuilder response = Response.status(upstream.status()).entity(upstream.body());
        if (upstream.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, upstream.contentType());
        }
        return response.build();
    }
}
