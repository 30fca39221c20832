package dev.workbench.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The Fly Machines API for the deployer: errors become {@link DeployException}s that name the step. Blocking. */
@ApplicationScoped
public class FlyMachinesClient {

    /** A machine as the deployer needs it; {@code config} is the whole config, to be sent back changed. */
    public record Machine(String id, String state, String instanceId, ObjectNode config) {

        public String image() {
            return config.path("image").asText();
        }
    }

    private final FlyMachinesRestClient api;

    FlyMachinesClient(@RestClient FlyMachinesRestClient api) {
        this.api = api;
    }

    public List<Machine> list(String app) {
        try {
            ArrayNode machines = api.list(app);
            List<Machine> result = new ArrayList<>();
            machines.forEach(m -> result.add(machine(m)));
            return result;
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "listing the machines of " + app, e);
        }
    }

    public Machine get(String app, String id) {
        try {
            return machine(api.get(app, id));
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "reading machine " + id, e);
        }
    }

    /** Sends the machine's whole config back with {@code image} changed, as the API requires. */
    public Machine updateImage(String app, Machine machine, String image) {
        ObjectNode config = machine.config().deepCopy();
        config.put("image", image);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("config", config);
        try {
            return machine(api.update(app, machine.id(), body));
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "updating machine " + machine.id(), e);
        }
    }

    public void waitStarted(String app, Machine machine, Duration timeout) {
        long seconds = Math.max(1, Math.min(60, timeout.toSeconds()));
        try (Response response = api.waitFor(app, machine.id(), machine.instanceId(), "started", seconds)) {
            if (response.getStatus() != 200) {
                throw new DeployException("Machine " + machine.id() + " did not reach started within " + seconds
                        + " s (Fly API answered HTTP " + response.getStatus() + ")");
            }
        } catch (DeployException e) {
            throw e;
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "waiting for machine " + machine.id(), e);
        }
    }

    /** The checks of the machine that are not passing, as {@code name=status}; empty when all pass. */
    public List<String> failingChecks(String app, String id) {
        ObjectNode machine;
        try {
            machine = api.get(app, id);
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "reading the checks of machine " + id, e);
        }
        List<String> failing = new ArrayList<>();
        for (JsonNode check : machine.path("checks")) {
            if (!"passing".equals(check.path("status").asText())) {
                failing.add(check.path("name").asText("check") + "=" + check.path("status").asText("unknown"));
            }
        }
        return failing;
    }

    private static Machine machine(JsonNode node) {
        ObjectNode config = node.path("config").isObject() ? (ObjectNode) node.path("config") : JsonNodeFactory.instance.objectNode();
        return new Machine(node.path("id").asText(), node.path("state").asText(), node.path("instance_id").asText(null), config);
    }

}
