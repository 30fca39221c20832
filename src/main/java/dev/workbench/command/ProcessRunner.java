package dev.workbench.command;

import io.quarkus.virtual.threads.VirtualThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one argument vector, never through a shell of its own: in a directory, with a scrubbed
 * environment, stdin closed, stdout and stderr read separately on virtual threads and kept up to a
 * cap, and the whole process tree killed when the timeout passes or the caller goes away. Blocking:
 * call it off the event loop. Processes a command leaves behind die with the sandbox's PID namespace
 * ({@link Sandbox}); without a sandbox, those that left the process tree may survive.
 */
@ApplicationScoped
public class ProcessRunner {

    /** Receives output lines as they come, for streaming. */
    public interface Lines {
        void line(String stream, String line);

        Lines NONE = (stream, line) -> { };
    }

    private final ExecutorService readers;

    ProcessRunner(@VirtualThreads ExecutorService readers) {
        this.readers = readers;
    }

    /** How often a running process is checked for the caller having gone away. */
    private static final long CANCEL_CHECK_MILLIS = 100;

    /**
     * Runs {@code argv}; {@code cancelled} is polled while it runs, and when it turns true (the
     * streaming client went away) the process tree is killed and the result says {@code cancelled}.
     */
    public CommandResult run(List<String> argv, Path directory, Map<String, String> environment, Duration timeout,
            long maxBytes, Lines lines, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new CommandResult(CommandResult.FAILED, "", "Cannot run " + argv.get(0) + ": " + e.getMessage(), null,
                    elapsed(start), false);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the process closed its stdin first
        }
        OutputCapture out = new OutputCapture("stdout", maxBytes, lines);
        OutputCapture err = new OutputCapture("stderr", maxBytes, lines);
        Future<?> outReader = readers.submit(() -> out.drain(process.getInputStream()));
        Future<?> errReader = readers.submit(() -> err.drain(process.getErrorStream()));
        boolean finished = false;
        boolean stopped = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!finished && !stopped) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                finished = process.waitFor(Math.min(left, CANCEL_CHECK_MILLIS), TimeUnit.MILLISECONDS);
                stopped = !finished && cancelled.getAsBoolean();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!finished) {
            killTree(process);
        }
        if (stopped) {
            err.note("Killed: cancelled (the client went away, or the server is shutting down)");
        } else if (!finished) {
            err.note("Killed after " + timeout.toSeconds() + " s (COMMAND_TIMEOUT)");
        }
        await(outReader);
        await(errReader);
        String status = stopped ? CommandResult.CANCELLED : !finished ? CommandResult.TIMEOUT
                : process.exitValue() == 0 ? CommandResult.SUCCESS : CommandResult.FAILED;
        return new CommandResult(status, out.text(), err.text(), finished ? process.exitValue() : null, elapsed(start),
                out.truncated() || err.truncated());
    }

    private static void killTree(Process process) {
        // Children first, so none is re-parented out of reach while its parent dies.
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(Future<?> reader) {
        try {
            reader.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            reader.cancel(true);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
