package dev.workbench.health;

import dev.workbench.common.AppConfig;
import dev.workbench.common.Redaction;
import dev.workbench.toolservice.ToolServiceClient;
import dev.workbench.toolservice.ToolServiceRegistry;
import dev.workbench.toolservice.ToolService;
import dev.workbench.toolservice.UpstreamFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every tool service's {@code /health} in parallel, each bounded by the health timeout, so
 * the whole answer takes about one timeout however many services hang. With {@code TESTING} no
 * call is made.
 */
@ApplicationScoped
public class HealthService {

    private final ToolServiceRegistry registry;
    private final ToolServiceClient client;
    private final Duration timeout;
    private final boolean testing;
    private final Uni<SystemHealth> current;

    HealthService(ToolServiceRegistry registry, ToolServiceClient client, HealthConfig config, AppConfig app) {
        this.registry = registry;
        this.client = client;
        this.timeout = config.timeout();
        this.testing = app.testing();
        Uni<SystemHealth> fresh = Uni.createFrom().deferred(this::checkAll);
        this.current = config.cache().isZero() ? fresh : fresh.memoize().forFixedDuration(config.cache());
    }

    public Uni<SystemHealth> systemHealth() {
        return current;
    }

    private Uni<SystemHealth> checkAll() {
        List<ToolService> services = List.copyOf(registry.all());
        if (services.isEmpty()) {
            return Uni.createFrom().item(summarise(services, List.of()));
        }
        List<Uni<ServiceHealth>> checks = services.stream().map(this::check).toList();
        return Uni.join().all(checks).andFailFast().map(results -> summarise(services, results));
    }

    private Uni<ServiceHealth> check(ToolService service) {
        // Shown on an open route: never the credentials or query a configured URL may carry.
        String url = Redaction.safeUrl(service.base());
        if (testing) {
            return Uni.createFrom().item(new ServiceHealth(service.name(), ServiceHealth.OFFLINE, url, null,
                    "not checked: TESTING is on"));
        }
        return client.health(service, timeout)
                .map(answer -> answer.status() == 200 && answer.problem() == null
                        ? new ServiceHealth(service.name(), ServiceHealth.ONLINE, url, null, null)
                        : new ServiceHealth(service.name(), ServiceHealth.DEGRADED, url, answer.status(), answer.problem()))
                .onFailure().recoverWithItem(failure -> new ServiceHealth(service.name(), ServiceHealth.OFFLINE, url, null,
                        UpstreamFailures.isTimeout(failure)
                                ? "no answer within " + timeout.toMillis() + " ms"
                                : UpstreamFailures.describe(failure)));
    }

    private static SystemHealth summarise(List<ToolService> services, List<ServiceHealth> results) {
        Map<String, ServiceHealth> byId = new LinkedHashMap<>();
        for (int i = 0; i < services.size(); i++) {
            byId.put(services.get(i).id(), results.get(i));
        }
        boolean allOnline = results.stream().allMatch(r -> ServiceHealth.ONLINE.equals(r.status()));
        return new SystemHealth(allOnline ? SystemHealth.HEALTHY : SystemHealth.DEGRADED, Instant.now().toString(), byId);
    }
}
