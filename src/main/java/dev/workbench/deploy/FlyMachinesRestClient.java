package dev.workbench.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Fly Machines API ({@code https://api.machines.dev/v1}); machines stay JSON so configs go back whole. */
@RegisterClientHeaders(DeployCredentials.Fly.class)
@RegisterRestClient(configKey = "fly-machines")
@Path("/apps/{app}/machines")
@Produces(MediaType.APPLICATION_JSON)
interface FlyMachinesRestClient {

    @GET
    ArrayNode list(@PathParam("app") String app);

    @GET
    @Path("/{id}")
    ObjectNode get(@PathParam("app") String app, @PathParam("id") String id);

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    ObjectNode update(@PathParam("app") String app,
            @PathParam("id") String id, ObjectNode body);

    @GET
    @Path("/{id}/wait")
    Response waitFor(@PathParam("app") String app,
            @PathParam("id") String id, @QueryParam("instance_id") String instanceId, @QueryParam("state") String state,
            @QueryParam("timeout") long timeoutSeconds);
}
