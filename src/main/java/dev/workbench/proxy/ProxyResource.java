package dev.workbench.proxy;

import dev.workbench.auth.Roles;
import dev.workbench.common.NotImplementedYet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** {@code GET|POST /mcp/{service}/{path}}: the tool-service proxy (the tool-services issue fills this in). */
@Path("/mcp/{service}/{path: .*}")
@RolesAllowed(Roles.ADMIN)
public class ProxyResource {

    @GET
    public void get() {
        throw NotImplementedYet.of("The tool-service proxy");
    }

    @POST
    public void post() {
        throw NotImplementedYet.of("The tool-service proxy");
    }
}
