package dev.workbench.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

    /** The header that proves a lease is held, on updates and on its release. */
    String LEASE_NONCE = "fly-machine-lease-nonce";

    @GET
    ArrayNode list(@PathParam("app") String app);

    @GET
    @Path("/{id}")
    ObjectNode get(@PathParam("app") String app, @PathParam("id") String id);

    /** Updates a machine; {@code nonce} is the lease held on it. */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    ObjectNode update(@PathParam("app") String app,
            @PathParam("id") String id, @HeaderParam(LEASE_NONCE) String nonce, ObjectNode body);

    /** {@code {"description", "ttl"}}: a lease, {@code {"status":"success","data":{"nonce",...}}}; 409 when another holds one. */
    @POST
    @Path("/{id}/lease")
    @Consumes(MediaType.APPLICATION_JSON)
    ObjectNode acquireLease(@PathParam("app") String app, @PathParam("id") String id, ObjectNode body);

    /** The lease held on a machine, {@code {"status":"success","data":{"description","owner","expires_at",...}}}. */
    @GET
    @Path("/{id}/lease")
    ObjectNode lease(@PathParam("app") String app, @PathParam("id") String id);

    @DELETE
    @Path("/{id}/lease")
    Response releaseLease(@PathParam("app") String app, @PathParam("id") String id, @HeaderParam(LEASE_NONCE) String nonce);

    /** The machine's metadata, a JSON object of strings. */
    @GET
    @Path("/{id}/metadata")
    ObjectNode metadata(@PathParam("app") String app, @PathParam("id") String id);

    /** Sets one metadata key: {@code {"value": "..."}}. */
    @POST
    @Path("/{id}/metadata/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response setMetadata(@PathParam("app") String app, @PathParam("id") String id, @PathParam("key") String key, ObjectNode body);

    @GET
    @Path("/{id}/wait")
    Response waitFor(@PathParam("app") String app,
            @PathParam("id") String id, @QueryParam("instance_id") String instanceId, @QueryParam("state") String state,
            @QueryParam("timeout") long timeoutSeconds);
}
