package dev.workbench.deploy;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rolling update over the Fly Machines API: one machine at a time, its image replaced, then
 * started and passing its checks before the next; on any failure the machines already changed
 * get their previous image back. Blocking.
 */
@ApplicationScoped
public class FlyDeployer {

    private final FlyMachinesClient fly;
    private final DeployConfig config;

    FlyDeployer(FlyMachinesClient fly, DeployConfig config) {
        this.fly = fly;
        this.config = config;
    }

    /**
     * Gives each machine of {@code app} the image {@code imageFor} names (null leaves it alone) and
     * returns the image each changed machine had before.
     */
    public Map<String, String> roll(String app, Function<FlyMachinesClient.Machine, String> imageFor, List<String> logs) {
        List<FlyMachinesClient.Machine> machines = fly.list(app);
        if (machines.isEmpty()) {
            throw new DeployException("App " + app + " has no machines to update");
        }
        logs.add("App " + app + " has " + machines.size() + " machine(s)");
        Map<String, String> previous = new LinkedHashMap<>();
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
                previous.put(machine.id(), machine.image());
                replace(app, machine, image);
                logs.add("Machine " + machine.id() + ": started, checks passing");
            }
            return previous;
        } catch (DeployException failure) {
            logs.add("Failed: " + failure.getMessage());
            restore(app, changed, logs);
            throw failure;
        }
    }

    private void replace(String app, FlyMachinesClient.Machine machine, String image) {
        FlyMachinesClient.Machine updated = fly.updateImage(app, machine, image);
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

    private void restore(String app, List<FlyMachinesClient.Machine> changed, List<String> logs) {
        List<FlyMachinesClient.Machine> newestFirst = new ArrayList<>(changed);
        Collections.reverse(newestFirst);
        for (FlyMachinesClient.Machine machine : newestFirst) {
            try {
                FlyMachinesClient.Machine current = fly.get(app, machine.id());
                FlyMachinesClient.Machine updated = fly.updateImage(app, current, machine.image());
                fly.waitStarted(app, updated, config.machineTimeout());
                logs.add("Machine " + machine.id() + ": restored to " + machine.image());
            } catch (DeployException e) {
                logs.add("Machine " + machine.id() + ": could not be restored: " + e.getMessage());
            }
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
