package dev.workbench.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.agent.llm.ToolCall;
import dev.workbench.common.Failure;
import dev.workbench.proxy.ProxyPath;
import dev.workbench.proxy.ProxyService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Runs a model's tool call against its tool service through {@link ProxyService}: the same path
 * validation, allowlist ({@code RESTRICT_MCP_PROXY}), size limits and timeouts as the proxy, so
 * the model can reach nothing the admin could not. The backend's own tools go to
 * {@link WorkbenchTools}, under the policies of their endpoints. Refusals and upstream failures become error
 * outcomes for the model; a bug fails the run instead.
 */
@ApplicationScoped
public class ToolExecutor {

    /** Longer results are cut before they go back to the model. */
    static final int MAX_RESULT_CHARS = 16_000;

    private final ToolCatalog catalog;
    private final ProxyService proxy;
    private final WorkbenchTools workbench;

    ToolExecutor(ToolCatalog catalog, ProxyService proxy, WorkbenchTools workbench) {
        this.catalog = catalog;
        this.proxy = proxy;
        this.workbench = workbench;
    }

    /** Runs {@code call}; {@code user} is who the audit log names for commands and deploys. */
    public Uni<ToolOutcome> execute(ToolCall call, String user) {
        ToolDefinition tool = catalog.find(call.name()).orElse(null);
        if (tool == null) {
            return Uni.createFrom().item(ToolOutcome.failed("Unknown tool " + call.name()));
        }
        if (!call.arguments().isObject()) {
            return Uni.createFrom().item(ToolOutcome.failed("Arguments of " + call.name() + " must be a JSON object"));
        }
        if (tool.internal() != null) {
            return Uni.createFrom().deferred(() -> workbench.execute(tool.internal(), call.arguments(), user))
                    .map(ToolExecutor::cut);
        }
        boolean get = "GET".equals(tool.method());
        String query = get ? query(call.arguments()) : null;
        byte[] body = get ? null : call.arguments().toString().getBytes(StandardCharsets.UTF_8);
        ProxyPath.Target target = ProxyPath.target(tool.service(), tool.path()).orElse(null);
        if (target == null) {
            return Uni.createFrom().item(ToolOutcome.failed("Invalid path"));
        }
        return Uni.createFrom().deferred(() -> proxy.forward(target, get ? HttpMethod.GET : HttpMethod.POST, query,
                        get ? null : "application/json", "application/json", body))
                .map(response -> {
                    String text = cut(new String(response.body(), StandardCharsets.UTF_8));
                    response.release();
                    return response.status() / 100 == 2
                            ? ToolOutcome.ok(text)
                            : ToolOutcome.failed("HTTP " + response.status() + " from " + tool.service() + ": " + text);
                })
                // A refusal or an upstream's failure is the tool's answer; anything else is a bug and fails the run.
                .onFailure(Failure.class).recoverWithItem(failure -> ToolOutcome.failed(failure.getMessage()));
    }

    private static ToolOutcome cut(ToolOutcome outcome) {
        return outcome.isError() ? ToolOutcome.failed(cut(outcome.error())) : ToolOutcome.ok(cut(outcome.result()));
    }

    private static String cut(String text) {
        return text.length() > MAX_RESULT_CHARS ? text.substring(0, MAX_RESULT_CHARS) + "\n[cut at " + MAX_RESULT_CHARS + " characters]" : text;
    }

    private static String query(JsonNode arguments) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String text = value.isValueNode() ? value.asText() : value.toString();
            query.add(encode(field.getKey()) + "=" + encode(text));
        }
        return query.length() == 0 ? null : query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
