package dev.workbench.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.workbench.auth.Roles;
import dev.workbench.store.Store;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /audit?since=&after=&limit=}: the audit trail, oldest first, from the instant {@code since}
 * and after the entry {@code after}; a full page gives {@code next_after}, the {@code after} of the next.
 */
@Path("/audit")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditResource {

    /** One page of the audit trail; {@code next_after} is absent when nothing more was there. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditPage(List<AuditLog.Entry> entries, int limit, @JsonProperty("next_after") Long nextAfter) {
    }

    private final Store store;

    AuditResource(Store store) {
        this.store = store;
    }

    /** {@code limit}: 1 to 1000, default 100. */
    @GET
    public AuditPage page(@QueryParam("since") String since, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        int size = PageParams.limit(limit, 100, 1000);
        List<AuditLog.Entry> entries = store.audit(PageParams.since(since), PageParams.from("after", after, Long.MAX_VALUE / 2), size);
        return new AuditPage(entries, size, entries.size() == size ? entries.get(entries.size() - 1).id() : null);
    }
}
