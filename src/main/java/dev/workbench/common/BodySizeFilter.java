package dev.workbench.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a declared body larger than the method's {@link MaxBodySize} before a byte of it is
 * read; bodies sent without a length are still bounded by the global limit.
 */
public class BodySizeFilter {

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        MaxBodySize limit = limitOf(resource);
        if (limit == null) {
            return;
        }
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "Invalid Content-Length header");
        }
        if (length > limit.value()) {
            throw new ApiException(413, "Request body too large: at most " + limit.value() + " bytes");
        }
    }

    private static MaxBodySize limitOf(ResourceInfo resource) {
        MaxBodySize limit = resource.getResourceMethod().getAnnotation(MaxBodySize.class);
        return limit != null ? limit : resource.getResourceClass().getAnnotation(MaxBodySize.class);
    }
}
