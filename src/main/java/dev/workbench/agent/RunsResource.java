package dev.workbench.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.workbench.auth.Roles;
import dev.workbench.common.Failure;
import dev.workbench.common.PageParams;
import dev.workbench.store.RunRecord;
import dev.workbench.store.Store;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /agent/runs} lists the recorded agent, router and workflow runs, newest first; {@code GET /agent/runs/{id}} shows one. */
@Path("/agent/runs")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RunsResource {

    /** One page of runs; {@code next_offset} is absent on the last. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunPage(List<RunRecord> runs, int offset, int limit, @JsonProperty("next_offset") Integer nextOffset) {
    }

    private final Store store;

    RunsResource(Store store) {
        this.store = store;
    }

    /** {@code limit} (1 to 100, default 20) runs from {@code offset}. */
    @GET
    public RunPage list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        PageParams.Window window = PageParams.Window.of(limit, offset);
        List<RunRecord> fetched = store.runs(window.offset(), window.fetch());
        return new RunPage(window.shown(fetched), window.offset(), window.limit(), window.nextOffset(fetched));
    }

    @GET
    @Path("/{id}")
    public RunRecord find(@PathParam("id") String id) {
        return store.run(id).orElseThrow(() -> new Failure.NotFound("Run " + id + " not found"));
    }
}
