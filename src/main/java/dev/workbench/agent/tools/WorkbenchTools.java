package dev.workbench.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.agent.AgentLimitsConfig;
import dev.workbench.command.CommandRequest;
import dev.workbench.command.CommandResult;
import dev.workbench.command.CommandService;
import dev.workbench.command.ProcessRunner;
import dev.workbench.command.RepositoriesConfig;
import dev.workbench.common.Failure;
import dev.workbench.deploy.DeployConfig;
import dev.workbench.deploy.DeployRequest;
import dev.workbench.deploy.DeployResult;
import dev.workbench.deploy.DeployService;
import dev.workbench.health.HealthService;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The tools over this backend itself, declared in {@code agent-tools.json} with {@code "internal"}:
 * {@code command} runs through {@link CommandService} (the same policy, concurrency limit, timeout
 * and audit as {@code POST /command}), {@code deploy} through {@link DeployService} (offered only
 * with {@code AGENT_ALLOW_DEPLOYS}), {@code health} reads {@link HealthService}. Arguments are
 * validated exactly as the endpoints' bodies are; a refusal goes back to the model as an error.
 */
@ApplicationScoped
public class WorkbenchTools {

    private final CommandService commands;
    private final RepositoriesConfig repositories;
    private final DeployService deployments;
    private final DeployConfig deployConfig;
    private final HealthService health;
    private final AgentLimitsConfig config;
    private final Validator validator;
    private final ObjectMapper json;
    private final ExecutorService threads;

    WorkbenchTools(CommandService commands, RepositoriesConfig repositories, DeployService deployments, DeployConfig deployConfig,
            HealthService health, AgentLimitsConfig config, Validator validator, ObjectMapper json, @VirtualThreads ExecutorService threads) {
        this.commands = commands;
        this.repositories = repositories;
        this.deployments = deployments;
        this.deployConfig = deployConfig;
        this.health = health;
        this.config = config;
        this.validator = validator;
        this.json = json;
        this.threads = threads;
    }

    /** Whether the tools of this kind are offered at all: commands need a repository, deploys the opt-in. */
    boolean offers(InternalTool kind) {
        return switch (kind) {
            case COMMAND -> !repositories.all().isEmpty();
            case DEPLOY -> config.allowDeploys();
            case HEALTH -> true;
        };
    }

    /**
     * The declared argument schema with the choices of this installation filled in, so the model
     * picks a repository or target that exists: {@code service} of a command lists the configured
     * repositories, {@code target} of a deploy the configured targets.
     */
    JsonNode parameters(InternalTool kind, JsonNode declared) {
        JsonNode schema = declared.deepCopy();
        switch (kind) {
            case COMMAND -> choices(schema, "service", repositories.all().keySet());
            case DEPLOY -> choices(schema, "target", deployConfig.targets().keySet());
            case HEALTH -> {
            }
        }
        return schema;
    }

    private static void choices(JsonNode schema, String property, Set<String> names) {
        if (schema.path("properties").path(property) instanceof ObjectNode field) {
            ArrayNode choices = field.putArray("enum");
            names.stream().sorted().forEach(choices::add);
        }
    }

    /** Runs one call; {@code user} is who the audit log names. Cancelling the result stops a running command. */
    Uni<ToolOutcome> execute(InternalTool kind, JsonNode arguments, String user) {
        return switch (kind) {
            case COMMAND -> blocking(arguments, CommandRequest.class, (request, cancelled) -> {
                CommandResult result = commands.execute(request, user, ProcessRunner.Lines.NONE, cancelled);
                String text = write(result);
                return CommandResult.SUCCESS.equals(result.status()) ? ToolOutcome.ok(text) : ToolOutcome.failed(text);
            });
            case DEPLOY -> blocking(arguments, DeployRequest.class, (request, cancelled) -> {
                DeployResult result = deployments.deploy(request, user);
                String text = write(result);
                return DeployResult.SUCCESS.equals(result.status()) ? ToolOutcome.ok(text) : ToolOutcome.failed(text);
            });
            case HEALTH -> health.systemHealth().map(snapshot -> ToolOutcome.ok(write(snapshot)));
        };
    }

    /** Reads and validates the arguments as {@code type}, then runs {@code work} on a virtual thread. */
    private <T> Uni<ToolOutcome> blocking(JsonNode arguments, Class<T> type, Work<T> work) {
        T request;
        try {
            request = json.treeToValue(arguments, type);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(ToolOutcome.failed("Invalid arguments: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(ToolOutcome.failed("Invalid arguments: " + e.getMessage()));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return Uni.createFrom().item(ToolOutcome.failed("Invalid arguments: " + violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; "))));
        }
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean ended = new AtomicBoolean();
            emitter.onTermination(() -> ended.set(true));
            threads.execute(() -> {
                try {
                    emitter.complete(work.run(request, ended::get));
                } catch (Failure refused) {
                    // A refusal or an upstream's failure is the tool's answer; anything else is a bug, not text for the model.
                    emitter.complete(ToolOutcome.failed(refused.getMessage()));
                } catch (RuntimeException bug) {
                    emitter.fail(bug);
                }
            });
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /** Blocking work on a validated request; {@code cancelled} turns true when the run is stopped. */
    @FunctionalInterface
    private interface Work<T> {
        ToolOutcome run(T request, BooleanSupplier cancelled);
    }
}
