package dev.workbench.agent;

import dev.workbench.auth.Roles;
import dev.workbench.common.NotImplementedYet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** {@code POST /agent/execute}: runs an agent (the agent issue fills this in). */
@Path("/agent")
@RolesAllowed(Roles.ADMIN)
public class AgentResource {

    @POST
    @Path("/execute")
    public void execute() {
        throw NotImplementedYet.of("Agent execution");
    }
}
