package dev.workbench.toolservice;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The tool services of the configuration, by id. */
@ApplicationScoped
public class ToolServiceRegistry {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final Map<String, ToolService> services;

    ToolServiceRegistry(ToolServicesConfig config, ToolClientConfig settings) {
        Map<String, ToolService> byId = new TreeMap<>();
        config.all().forEach((id, service) -> {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("Tool service id '" + id + "' must match " + ID.pattern());
            }
            String scheme = service.url().getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || service.url().getHost() == null) {
                throw new IllegalArgumentException("URL of tool service '" + id + "' must be an absolute http(s) URL");
            }
            byId.put(id, new ToolService(id, service.name(), service.url(),
                    Collections.unmodifiableSet(new LinkedHashSet<>(service.allowlist().orElse(java.util.List.of()))),
                    service.timeout().orElse(settings.timeout())));
        });
        this.services = Collections.unmodifiableMap(byId);
    }

    public Collection<ToolService> all() {
        return services.values();
    }

    public Optional<ToolService> find(String id) {
        return Optional.ofNullable(services.get(id));
    }
}
