package dev.workbench.services;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The HTTP API every tool service offers; one instance per service, built by {@link ServiceClient}. */
@Path("/")
interface ServiceRestClient {

    @GET
    @Path("health")
    Uni<Response> health();
}
