package dev.workbench.deploy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The latest deployments, by id, and the images each app's machines had before its last rollout. In memory, bounded. */
@ApplicationScoped
public class DeploymentHistory {

    private final int capacity;
    private final Map<String, DeployResult> results;
    private final Map<String, Map<String, String>> previousImages = new LinkedHashMap<>();

    DeploymentHistory(DeployConfig config) {
        this.capacity = config.history();
        this.results = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DeployResult> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized String newId(String service, String stamp) {
        String base = "deploy-" + service + "-" + stamp;
        String id = base;
        for (int n = 2; results.containsKey(id); n++) {
            id = base + "-" + n;
        }
        results.put(id, null);
        return id;
    }

    public synchronized void save(DeployResult result) {
        results.put(result.deploymentId(), result);
    }

    public synchronized Optional<DeployResult> find(String id) {
        return Optional.ofNullable(results.get(id));
    }

    public synchronized void rememberPrevious(String app, Map<String, String> images) {
        previousImages.put(app, Map.copyOf(images));
    }

    public synchronized Optional<Map<String, String>> previous(String app) {
        return Optional.ofNullable(previousImages.get(app));
    }
}
