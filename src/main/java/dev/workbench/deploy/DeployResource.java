package dev.workbench.deploy;

import dev.workbench.auth.Roles;
import dev.workbench.common.Failure;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ExecutorService;

/** {@code POST /deploy} deploys a service (blocking, on a virtual thread); {@code GET /deploy/{id}} shows a recorded one. */
@Path("/deploy")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class DeployResource {

    private final DeployService deployments;
    private final SecurityIdentity identity;
    private final ExecutorService threads;

    DeployResource(DeployService deployments, SecurityIdentity identity, @VirtualThreads ExecutorService threads) {
        this.deployments = deployments;
        this.identity = identity;
        this.threads = threads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<DeployResult> deploy(@Valid @NotNull DeployRequest request) {
        String user = identity.getPrincipal().getName();
        return Uni.createFrom().item(() -> deployments.deploy(request, user)).runSubscriptionOn(threads);
    }

    @GET
    @Path("/{id}")
    public DeployResult find(@PathParam("id") String id) {
        return deployments.find(id).orElseThrow(() -> new Failure.NotFound("Deployment " + id + " not found"));
    }
}
