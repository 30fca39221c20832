package dev.workbench.deploy;

import dev.workbench.auth.Roles;
import dev.workbench.common.NotImplementedYet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** {@code POST /deploy}: deploys a service (the deploy issue fills this in). */
@Path("/deploy")
@RolesAllowed(Roles.ADMIN)
public class DeployResource {

    @POST
    public void deploy() {
        throw NotImplementedYet.of("Deployment");
    }
}
