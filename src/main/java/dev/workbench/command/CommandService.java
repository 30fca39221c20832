package dev.workbench.command;

import dev.workbench.common.AuditLog;
import dev.workbench.common.Failure;
import dev.workbench.common.ShutdownSignal;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Runs a command for the admin: the repository by id, the policy's decision, a slot among the
 * concurrent commands, an audit entry before it starts, the process in the OS sandbox, and one audit
 * entry of its outcome, whatever happened. Blocking: callers run
 * it on virtual threads, never on the event loop.
 */
@ApplicationScoped
public class CommandService {

    private static final Logger LOG = Logger.getLogger(CommandService.class);

    private final Map<String, RepositoriesConfig.Repository> repositories;
    private final CommandPolicy policy;
    private final ProcessRunner runner;
    private final Sandbox sandbox;
    private final AuditLog audit;
    private final ShutdownSignal shutdown;
    private final CommandConfig config;
    private final Semaphore slots;
    private final Map<String, String> baseEnvironment = new HashMap<>();

    CommandService(RepositoriesConfig repositories, CommandConfig config, ProcessRunner runner, Sandbox sandbox, AuditLog audit,
            ShutdownSignal shutdown) {
        this.shutdown = shutdown;
        this.repositories = repositories.all();
        this.policy = new CommandPolicy(config.safeCommandsOnly(), config.allowFullPrivilegeCommands());
        this.runner = runner;
        this.sandbox = sandbox;
        this.audit = audit;
        this.config = config;
        this.slots = new Semaphore(config.maxConcurrent());
        baseEnvironment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        baseEnvironment.put("HOME", System.getenv().getOrDefault("HOME", "/tmp"));
        baseEnvironment.put("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
        config.passEnv().orElse(List.of()).forEach(name -> {
            String value = System.getenv(name);
            if (value != null) {
                baseEnvironment.put(name, value);
            }
        });
    }

    /** The repository {@code request} names; an unknown one is audited and not found. */
    public RepositoriesConfig.Repository repository(CommandRequest request, String user) {
        RepositoriesConfig.Repository repository = repositories.get(request.service());
        if (repository == null) {
            audit.record(user, line(request), request.service(), "not_found", null, 0, "unknown service");
            throw new Failure.NotFound("Service " + request.service() + " not found");
        }
        return repository;
    }

    private static String line(CommandRequest request) {
        return request.argsOrEmpty().isEmpty() ? request.command()
                : request.command() + " " + String.join(" ", request.argsOrEmpty());
    }

    /**
     * Runs a request; {@code cancelled} turning true kills a running command (its client went away),
     * and so does the start of a shutdown (then it fails as unavailable, and the audit line says {@code cancelled}).
     */
    public CommandResult execute(CommandRequest request, String user, ProcessRunner.Lines lines, java.util.function.BooleanSupplier cancelled) {
        RepositoriesConfig.Repository repository = repository(request, user);
        String line = line(request);
        Path directory = repository.path();
        CommandPolicy.Decision decision = policy.decide(request.command(), request.argsOrEmpty(), directory, repository.commands());
        if (decision instanceof CommandPolicy.Refuse refuse) {
            CommandResult refused = CommandResult.forbidden(refuse.reason());
            record(user, line, request.service(), refused, null);
            return refused;
        }
        CommandPolicy.Run run = (CommandPolicy.Run) decision;
        String unavailable = sandbox.unavailable();
        if (unavailable != null) {
            audit.record(user, line, request.service(), "rejected", null, 0, "sandbox unavailable");
            throw new Failure.Unavailable("The command sandbox does not work here (" + unavailable
                    + "); install bubblewrap, or set COMMAND_SANDBOX=none to run commands without it");
        }
        if (shutdown.isShuttingDown()) {
            audit.record(user, line, request.service(), "rejected", null, 0, ShutdownSignal.MESSAGE);
            throw new Failure.Unavailable(ShutdownSignal.MESSAGE);
        }
        if (!slots.tryAcquire()) {
            audit.record(user, line, request.service(), "rejected", null, 0, "too many commands");
            throw new Failure.LimitReached("Too many commands at once (COMMAND_MAX_CONCURRENT=" + config.maxConcurrent() + ")");
        }
        shutdown.enter();
        try {
            // Recorded before it runs: a store that cannot write refuses the command (503), nothing run.
            audit.record(user, line, request.service(), AuditLog.STARTED, null, 0, "", sandbox.name());
            Map<String, String> environment = new HashMap<>(baseEnvironment);
            environment.putAll(run.environment());
            environment = sandbox.environment(environment);
            // npm also starts from configured handlers and scripts: every command gets npm's guard.
            environment.putAll(NpmGrammar.environment(environment.get("HOME")));
            if (sandbox.name().equals("none")) {
                LOG.warnf("Running without a sandbox (COMMAND_SANDBOX=none) in %s: %s", request.service(), run.handler());
            }
            CommandResult result = runner.run(sandbox.wrap(run.argv(), directory, run.network()), directory,
                    environment, config.timeout(), config.maxOutput().asLongValue(), lines,
                    () -> cancelled.getAsBoolean() || shutdown.isShuttingDown());
            record(user, line, request.service(), result, sandbox.name());
            if (CommandResult.CANCELLED.equals(result.status()) && shutdown.isShuttingDown()) {
                throw new Failure.Unavailable(ShutdownSignal.MESSAGE);
            }
            return result;
        } finally {
            slots.release();
            shutdown.leave();
        }
    }

    private void record(String user, String line, String service, CommandResult result, String sandboxName) {
        try {
            audit.record(user, line, service, result.status(), result.exitCode(), result.durationMs(),
                    result.output().isEmpty() ? result.error() : result.output(), sandboxName);
        } catch (Failure.Unavailable unwritable) {
            if (sandboxName == null) {
                throw unwritable; // a refusal: nothing ran, so the caller is told the store is down
            }
            // It ran, and its "started" entry is in the trail; the store already logged why this one is not.
            LOG.errorf("The outcome of a command in %s (%s) is not in the audit trail: the store cannot write", service, result.status());
        }
    }
}
