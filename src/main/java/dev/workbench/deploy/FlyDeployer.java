package dev.workbench.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.common.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rolling update over the Fly Machines API. A deployment first leases every machine of the app
 * (so a second deployment, from this machine or another, is refused while it runs), then updates one
 * machine at a time: the image it had is written to its metadata ({@value #PREVIOUS_IMAGE}, where a
 * rollback finds it after any restart), its image replaced, then started and passing its checks
 * before the next. On any failure the machines already changed get their whole previous config back.
 * The leases are released at the end, whatever happened. Blocking.
 */
@ApplicationScoped
public class FlyDeployer {

    /** The metadata key holding the image a machine had before our last update of it. */
    public static final String PREVIOUS_IMAGE = "workbench_previous_image";

    private final FlyMachinesClient fly;
    private final DeployConfig config;

    FlyDeployer(FlyMachinesClient fly, DeployConfig config) {
        this.fly = fly;
        this.config = config;
    }

    /**
     * Leases every machine of {@code app} for {@code deployment}; fails with a {@link Failure.Conflict}
     * naming the deployment in progress when another holds one, releasing what it took.
     */
    public Session open(String app, String deployment) {
        List<FlyMachinesClient.Machine> machines = fly.list(app);
        if (machines.isEmpty()) {
            throw new DeployException("App " + app + " has no machines to update");
        }
        Duration ttl = leaseTime(machines.size());
        Map<String, String> nonces = new LinkedHashMap<>();
        List<FlyMachinesClient.Machine> leased = new ArrayList<>();
        try {
            for (FlyMachinesClient.Machine machine : machines) {
                nonces.put(machine.id(), fly.lease(app, machine.id(), FlyMachinesClient.LEASE_PREFIX + deployment, ttl));
            }
            // Read again under the lease: a change another operation made before releasing its own is kept, not reverted.
            for (FlyMachinesClient.Machine machine : machines) {
                leased.add(fly.get(app, machine.id()));
            }
        } catch (RuntimeException e) {
            nonces.forEach((id, nonce) -> release(app, id, nonce, null));
            throw e;
        }
        return new Session(app, leased, nonces);
    }

    /**
     * How long the leases last: every machine's worst case one after another (its update's read
     * timeout, the start, the checks, and a restore), so they never lapse mid-rollout; released as soon
     * as the deployment ends, so this matters only when this process dies holding them.
     */
    Duration leaseTime(int machines) {
        Duration worstPerMachine = Duration.ofSeconds(300).plus(config.machineTimeout());
        return worstPerMachine.multipliedBy(machines).plusSeconds(60);
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FlyDeployer.class);

    /** Releases one lease; one that cannot be released stays until it expires, which is said in the logs. */
    private void release(String app, String id, String nonce, List<String> logs) {
        if (!fly.release(app, id, nonce)) {
            String message = "Machine " + id + ": its lease could not be released; it expires by itself";
            LOG.warnf("%s (app %s)", message, app);
            if (logs != null) {
                logs.add(message);
            }
        }
    }

    /** One deployment's hold on an app's machines; closing it releases the leases. */
    public final class Session implements AutoCloseable {
        private final String app;
        private final List<FlyMachinesClient.Machine> machines;
        private final Map<String, String> nonces;
        private List<String> logs;

        private Session(String app, List<FlyMachinesClient.Machine> machines, Map<String, String> nonces) {
            this.app = app;
            this.machines = machines;
            this.nonces = nonces;
        }

        /** The image each machine had before our last update of it, from its metadata; machines without one are absent. */
        public Map<String, String> previousImages() {
            Map<String, String> previous = new LinkedHashMap<>();
            for (FlyMachinesClient.Machine machine : machines) {
                String image = fly.metadata(app, machine.id()).get(PREVIOUS_IMAGE);
                if (image != null && !image.isBlank()) {
                    previous.put(machine.id(), image);
                }
            }
            return previous;
        }

        /**
         * Gives each machine the image {@code imageFor} names (null leaves it alone), one at a time,
         * recording the image it had in its metadata first.
         */
        public void roll(Function<FlyMachinesClient.Machine, String> imageFor, List<String> logs) {
            this.logs = logs;
            logs.add("App " + app + " has " + machines.size() + " machine(s), all leased");
            List<FlyMachinesClient.Machine> changed = new ArrayList<>();
            try {
                for (FlyMachinesClient.Machine machine : machines) {
                    String image = imageFor.apply(machine);
                    if (image == null) {
                        logs.add("Machine " + machine.id() + ": nothing recorded, left as it is");
                        continue;
                    }
                    logs.add("Machine " + machine.id() + ": " + machine.image() + " -> " + image);
                    changed.add(machine);
                    fly.setMetadata(app, machine.id(), PREVIOUS_IMAGE, machine.image());
                    // The config goes back whole: it carries the metadata too, or the update would drop it.
                    ObjectNode next = machine.config().deepCopy();
                    next.put("image", image);
                    next.withObject("/metadata").put(PREVIOUS_IMAGE, machine.image());
                    replace(machine, fly.update(app, machine.id(), next, nonces.get(machine.id())));
                    logs.add("Machine " + machine.id() + ": started, checks passing");
                }
            } catch (DeployException failure) {
                logs.add("Failed: " + failure.getMessage());
                restore(changed, logs);
                throw failure;
            }
        }

        private void replace(FlyMachinesClient.Machine machine, FlyMachinesClient.Machine updated) {
            fly.waitStarted(app, updated, config.machineTimeout());
            long deadline = System.nanoTime() + config.machineTimeout().toNanos();
            List<String> failing = fly.failingChecks(app, machine.id());
            while (!failing.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new DeployException("Machine " + machine.id() + " started but its checks did not pass: " + String.join(", ", failing));
                }
                sleep();
                failing = fly.failingChecks(app, machine.id());
            }
        }

        /** The changed machines, newest first, get the config they had (image and metadata) back. */
        private void restore(List<FlyMachinesClient.Machine> changed, List<String> logs) {
            List<FlyMachinesClient.Machine> newestFirst = new ArrayList<>(changed);
            Collections.reverse(newestFirst);
            for (FlyMachinesClient.Machine machine : newestFirst) {
                try {
                    // Its old config carries its old metadata: a later rollback sees what it saw before.
                    fly.waitStarted(app, fly.update(app, machine.id(), machine.config(), nonces.get(machine.id())), config.machineTimeout());
                    logs.add("Machine " + machine.id() + ": restored to " + machine.image());
                } catch (DeployException e) {
                    logs.add("Machine " + machine.id() + ": could not be restored: " + e.getMessage());
                }
            }
        }

        @Override
        public void close() {
            nonces.forEach((id, nonce) -> release(app, id, nonce, logs));
        }
    }

    private void sleep() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Deployment interrupted");
        }
    }
}
