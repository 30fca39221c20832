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
import jakarta.ws.rs.QueryParam;
import dev.workbench.common.PageParams;
import java.util.List;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /deploy} deploys a service (blocking, on a virtual thread); {@code GET /deploy} lists the
 * recorded deployments and {@code GET /deploy/{id}} shows one, from the store (on a worker thread).
 */
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

    /** Deployments newest first: {@code limit} (1 to 100, default 20) from {@code offset}. */
    @GET
    @io.smallrye.common.annotation.Blocking
    public DeploymentPage list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        PageParams.Window window = PageParams.Window.of(limit, offset);
        List<DeployResult> fetched = deployments.list(window.offset(), window.fetch());
        return new DeploymentPage(window.shown(fetched), window.offset(), window.limit(), window.nextOffset(fetched));
    }

    /** One page of deployments; {@code next_offset} is absent on the last. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record DeploymentPage(List<DeployResult> deployments, int offset, int limit,
            @com.fasterxml.jackson.annotation.JsonProperty("next_offset") Integer nextOffset) {
    }

    @GET
    @io.smallrye.common.annotation.Blocking
    @Path("/{id}")
    public DeployResult find(@PathParam("id") String id) {
        return deployments.find(id).orElseThrow(() -> new Failure.NotFound("Deployment " + id + " not found"));
    }
}
