package dev.workbench.agent.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.agent.llm.ToolSpec;
import dev.workbench.toolservice.ToolServiceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tools agents may call, read once from {@code agent-tools.json}: service tools of configured
 * services, the backend's own tools that are offered (see {@link WorkbenchTools#offers}), and the
 * tool that hands a task to another agent.
 */
@ApplicationScoped
public class ToolCatalog {

    static final String RESOURCE = "agent-tools.json";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, ToolDefinition> tools;
    private final ToolDeclarations.Delegate delegate;

    ToolCatalog(ObjectMapper json, ToolServiceRegistry services, WorkbenchTools workbench) {
        ToolDeclarations declared;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            declared = json.readValue(in, ToolDeclarations.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        if (declared.tools() == null || declared.delegate() == null || declared.delegate().parameters() == null) {
            throw new IllegalStateException(RESOURCE + " needs \"tools\" and a \"delegate\" with its parameters");
        }
        this.delegate = declared.delegate();
        Map<String, ToolDefinition> byName = new LinkedHashMap<>();
        for (ToolDefinition tool : declared.tools()) {
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

    /** The tool through which an agent hands a task to {@code agent}, offered as {@code toolName}. */
    public ToolSpec delegation(String toolName, String agent) {
        return new ToolSpec(toolName, delegate.description().replace("{agent}", agent), delegate.parameters());
    }

    public java.util.Collection<ToolDefinition> all() {
        return tools.values();
    }
}
