package dev.workbench.command;

import dev.workbench.auth.Roles;
import dev.workbench.common.NotImplementedYet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** {@code POST /command}: runs an allow-listed repository command (the command issue fills this in). */
@Path("/command")
@RolesAllowed(Roles.ADMIN)
public class CommandResource {

    @POST
    public void run() {
        throw NotImplementedYet.of("Command execution");
    }
}
