package dev.workbench.health;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /health}: the tool services' health, in the original's shape. Open. */
@Path("/health")
public class HealthResource {

    private final HealthService health;

    HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SystemHealth> get() {
        return health.systemHealth();
    }
}
