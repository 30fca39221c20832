package dev.workbench.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The parts of the GitHub REST API a workflow-dispatch deployment needs. */
@RegisterClientHeaders(DeployCredentials.GitHub.class)
@RegisterRestClient(configKey = "github")
@Path("/repos/{owner}/{repo}")
@Produces("application/vnd.github+json")
@ClientHeaderParam(name = "X-GitHub-Api-Version", value = "2022-11-28")
@ClientHeaderParam(name = "User-Agent", value = "workbench-backend")
interface GitHubRestClient {

    @POST
    @Path("/actions/workflows/{workflow}/dispatches")
    @Consumes(MediaType.APPLICATION_JSON)
    void dispatch(@PathParam("owner") String owner,
            @PathParam("repo") String repo, @PathParam("workflow") String workflow, ObjectNode body);

    @GET
    @Path("/actions/workflows/{workflow}/runs")
    ObjectNode runs(@PathParam("owner") String owner,
            @PathParam("repo") String repo, @PathParam("workflow") String workflow, @QueryParam("event") String event,
            @QueryParam("branch") String branch, @QueryParam("per_page") int perPage);

    @POST
    @Path("/deployments")
    @Consumes(MediaType.APPLICATION_JSON)
    ObjectNode createDeployment(@PathParam("owner") String owner,
            @PathParam("repo") String repo, ObjectNode body);
}
