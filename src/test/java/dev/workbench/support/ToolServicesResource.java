package dev.workbench.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a stand-in for each of the four tool services, plus a fifth ({@code search}) that exists
 * only by configuration, and points the application at them.
 */
public class ToolServicesResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, FakeToolService> SERVICES = new LinkedHashMap<>();
    private static Vertx vertx;

    public static FakeToolService service(String id) {
        return SERVICES.get(id);
    }

    public static void resetAll() {
        SERVICES.values().forEach(FakeToolService::reset);
    }

    @Override
    public synchronized Map<String, String> start() {
        if (vertx == null) {
            vertx = Vertx.vertx();
            for (String id : new String[] {"memory", "filesystem", "git", "vector", "search"}) {
                SERVICES.put(id, FakeToolService.start(vertx));
            }
        }
        Map<String, String> config = new HashMap<>();
        SERVICES.forEach((id, service) -> config.put("workbench.services." + id + ".url", service.url()));
        config.put("workbench.services.search.name", "Search Index");
        config.put("workbench.services.search.allowlist", "health,query");
        return config;
    }

    @Override
    public void stop() {
        // The stand-ins live for the whole test run: several test profiles restart the application against them.
    }
}
