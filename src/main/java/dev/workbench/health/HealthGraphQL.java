package dev.workbench.health;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * {@code POST /graphql}: the same data as {@code /health}. The original's library camel-cased
 * names, so real clients send {@code systemHealth}; BACKEND.md spells it {@code system_health}.
 * Both are answered.
 */
@GraphQLApi
public class HealthGraphQL {

    private final HealthService health;

    HealthGraphQL(HealthService health) {
        this.health = health;
    }

    @Query("systemHealth")
    @Description("Health of the tool services; status is healthy when all are online, else degraded")
    public Uni<@NonNull Health> systemHealth() {
        return health.systemHealth().map(HealthGraphQL::toGraph);
    }

    @Query("system_health")
    @Description("The same as systemHealth, under the name BACKEND.md uses")
    public Uni<@NonNull Health> systemHealthSnakeCase() {
        return systemHealth();
    }

    private static Health toGraph(SystemHealth health) {
        return new Health(health.status(), health.timestamp(), health.services().entrySet().stream()
                .map(e -> new Service(e.getKey(), e.getValue().name(), e.getValue().status(),
                        ServiceHealth.OFFLINE.equals(e.getValue().status()) ? null : e.getValue().url()))
                .toList());
    }

    /** The system's health as GraphQL serves it. */
    @Name("SystemHealth")
    public record Health(@NonNull String status, @NonNull String timestamp, @NonNull List<@NonNull Service> services) {
    }

    /** One tool service; {@code url} is null while it is offline. */
    @Name("ServiceStatus")
    public record Service(@NonNull String id, @NonNull String name, @NonNull String status, String url) {
    }
}
