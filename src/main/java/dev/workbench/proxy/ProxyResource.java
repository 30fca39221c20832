package dev.workbench.proxy;

import dev.workbench.auth.Roles;
import dev.workbench.common.BodyLimit;
import dev.workbench.toolservice.UpstreamStream;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code GET|POST /mcp/{service}/{path}}: forwards to the tool service and passes back its status,
 * content type and body unchanged, streamed as they arrive. Only {@code Content-Type} and {@code Accept} travel upstream:
 * never the caller's {@code Authorization}, cookies or hop-by-hop headers.
 */
@Path("/mcp/{service}/{path: .+}")
@RolesAllowed(Roles.ADMIN)
public class ProxyResource {

    private static final Logger LOG = Logger.getLogger(ProxyResource.class);

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
    public RestMulti<Buffer> get(@Context HttpServerRequest request) {
        return streamed(proxy.open(HttpMethod.GET, request.path(), request.query(), null,
                request.getHeader(HttpHeaders.ACCEPT), null), request);
    }

    @POST
    public RestMulti<Buffer> post(byte[] body, @Context HttpServerRequest request) {
        return streamed(proxy.open(HttpMethod.POST, request.path(), request.query(), request.getHeader(HttpHeaders.CONTENT_TYPE),
                request.getHeader(HttpHeaders.ACCEPT), body == null ? new byte[0] : body), request);
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

    /**
     * The service's status, content type and body, each chunk written as it arrives and the next
     * read once it is written. A failure before the head is ours to answer ({@code detail}); after
     * it, the connection is reset, so a cut answer never passes for a whole one.
     */
    private static RestMulti<Buffer> streamed(Uni<UpstreamStream> upstream, HttpServerRequest request) {
        return RestMulti.fromUniResponse(upstream,
                answer -> answer.body().onFailure().recoverWithMulti(failure -> {
                    LOG.infof("%s %s cut after its head: %s", request.method(), request.path(), failure.getMessage());
                    // Never completed: an end after the reset would count as a whole answer and hide the close.
                    request.response().reset();
                    return Multi.createFrom().nothing();
                }),
                answer -> answer.contentType() == null ? Map.of() : Map.of(HttpHeaders.CONTENT_TYPE, List.of(answer.contentType())),
                UpstreamStream::status);
    }
}
