package dev.workbench.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import dev.workbench.common.Failure;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Sends {@code config} as the machine's whole config, as the API requires, under the lease {@code nonce}. */
    public Machine update(String app, String id, ObjectNode config, String nonce) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("config", config);
        try {
            return machine(api.update(app, id, nonce, body));
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "updating machine " + id, e);
        }
    }

    /**
     * Leases the machine for {@code ttl} with {@code description}; returns the nonce. Another lease
     * held on it is a {@link Failure.Conflict} naming that lease's description (our deployment's id).
     */
    public String lease(String app, String id, String description, Duration ttl) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("description", description);
        body.put("ttl", Math.max(1, ttl.toSeconds()));
        try {
            String nonce = api.acquireLease(app, id, body).path("data").path("nonce").asText("");
            // Sent back as a header: only a token-shaped value is accepted.
            if (!nonce.matches("[A-Za-z0-9_-]{1,200}")) {
                throw new DeployException("Fly API answered a lease on machine " + id + " without a usable nonce");
            }
            return nonce;
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 409) {
                throw new Failure.Conflict(holder(app, id));
            }
            throw UpstreamErrors.of("Fly API", "leasing machine " + id, e);
        } catch (DeployException e) {
            throw e;
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "leasing machine " + id, e);
        }
    }

    /** Who holds the lease on a machine, in words: a deployment of ours names itself. */
    private String holder(String app, String id) {
        String description = "";
        try {
            description = api.lease(app, id).path("data").path("description").asText("");
        } catch (RuntimeException unreadable) {
            // the lease may have ended since; say what is known
        }
        // Fly's answer is untrusted text: bounded, and only printable ASCII reaches our answer, logs and agents.
        String shown = (description.length() > 200 ? description.substring(0, 200) : description).replaceAll("[^\\x20-\\x7E]", "?");
        if (shown.startsWith(LEASE_PREFIX)) {
            return "Deployment " + shown.substring(LEASE_PREFIX.length()) + " of " + app + " is in progress; try again when it ends";
        }
        return "Machine " + id + " of " + app + " is leased by another operation" + (shown.isBlank() ? "" : " (" + shown + ")")
                + "; try again when it ends";
    }

    /** What our leases say they are for: the deployment's id follows. */
    public static final String LEASE_PREFIX = "workbench deployment ";

    /** Releases a lease; a failure only leaves it to expire, so it is reported, not thrown. */
    public boolean release(String app, String id, String nonce) {
        try (Response response = api.releaseLease(app, id, nonce)) {
            return response.getStatus() / 100 == 2;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The machine's metadata. */
    public Map<String, String> metadata(String app, String id) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            api.metadata(app, id).properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
            return values;
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "reading the metadata of machine " + id, e);
        }
    }

    public void setMetadata(String app, String id, String key, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("value", value);
        try (Response response = api.setMetadata(app, id, key, body)) {
            if (response.getStatus() / 100 != 2) {
                throw new DeployException("Fly API answered HTTP " + response.getStatus() + " setting metadata " + key
                        + " of machine " + id);
            }
        } catch (DeployException e) {
            throw e;
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("Fly API", "setting metadata " + key + " of machine " + id, e);
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
