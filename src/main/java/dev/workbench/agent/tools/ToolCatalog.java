package dev.workbench.agent.tools;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.toolservice.ToolServiceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools agents may call, read once from {@code agent-tools.json}: service tools of configured
 * services, and the backend's own tools that are offered (see {@link WorkbenchTools#offers}).
 */
@ApplicationScoped
public class ToolCatalog {

    static final String RESOURCE = "agent-tools.json";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, ToolDefinition> tools;

    ToolCatalog(ObjectMapper json, ToolServiceRegistry services, WorkbenchTools workbench) {
        List<ToolDefinition> declared;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            declared = json.readValue(in, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        Map<String, ToolDefinition> byName = new LinkedHashMap<>();
        for (ToolDefinition tool : declared) {
            boolean internal = tool.internal() != null;
            if (!NAME.matcher(tool.name()).matches() || !internal && !"GET".equals(tool.method()) && !"POST".equals(tool.method())) {
                throw new IllegalStateException("Tool " + tool.name() + " in " + RESOURCE
                        + " needs a lower-case name and GET or POST, or an internal kind");
            }
            // A tool of a service that is not configured, or an internal one not enabled, is simply not offered.
            if (internal && workbench.offers(tool.internal())) {
                byName.put(tool.name(), new ToolDefinition(tool.name(), tool.description(), null, null, null,
                        workbench.parameters(tool.internal(), tool.parameters()), tool.internal()));
            } else if (!internal && services.find(tool.service()).isPresent()) {
                byName.put(tool.name(), tool);
            }
        }
        this.tools = Collections.unmodifiableMap(byName);
    }

    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public java.util.Collection<ToolDefinition> all() {
        return tools.values();
    }
}
