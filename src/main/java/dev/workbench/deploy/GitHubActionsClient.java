package dev.workbench.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Deploys by dispatching the repository's deploy workflow, then finds the run it started; can
 * also record a GitHub deployment, as the original did. Errors become {@link DeployException}s. Blocking.
 */
@ApplicationScoped
public class GitHubActionsClient {

    private static final int RUN_POLLS = 10;

    private final GitHubRestClient api;
    private final DeployConfig config;

    GitHubActionsClient(@RestClient GitHubRestClient api, DeployConfig config) {
        this.api = api;
        this.config = config;
    }

    /** Dispatches the workflow and returns the URL of the run it started, if it appeared in time. */
    public Optional<String> dispatch(String repository, String target, String service, String version,
            List<String> logs) {
        String[] ownerRepo = repository.split("/", 2);
        Instant dispatchedAt = Instant.now().minusSeconds(5);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("ref", config.githubRef());
        body.putObject("inputs").put("service", service).put("target", target).put("version", version);
        try {
            api.dispatch(ownerRepo[0], ownerRepo[1], config.githubWorkflow(), body);
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("GitHub API", "dispatching " + config.githubWorkflow(), e);
        }
        logs.add("Dispatched " + config.githubWorkflow() + " on " + repository + "@" + config.githubRef());
        if (config.githubRecordDeployment()) {
            ObjectNode deployment = JsonNodeFactory.instance.objectNode().put("ref", config.githubRef())
                    .put("environment", target).put("auto_merge", false).put("description", "Deploy " + service + " " + version);
            deployment.putArray("required_contexts");
            deployment.putObject("payload").put("service", service).put("version", version);
            try {
                JsonNode created = api.createDeployment(ownerRepo[0], ownerRepo[1], deployment);
                logs.add("Recorded GitHub deployment " + created.path("id").asText());
            } catch (RuntimeException e) {
                logs.add("Could not record a GitHub deployment: " + UpstreamErrors.of("GitHub API", "recording it", e).getMessage());
            }
        }
        for (int i = 0; i < RUN_POLLS; i++) {
            Optional<String> run = newestRunSince(ownerRepo, dispatchedAt);
            if (run.isPresent()) {
                logs.add("Workflow run: " + run.get());
                return run;
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        logs.add("The workflow run did not appear yet; see https://github.com/" + repository + "/actions/workflows/" + config.githubWorkflow());
        return Optional.empty();
    }

    private Optional<String> newestRunSince(String[] ownerRepo, Instant since) {
        JsonNode runs;
        try {
            runs = api.runs(ownerRepo[0], ownerRepo[1], config.githubWorkflow(), "workflow_dispatch",
                    config.githubRef(), 10).path("workflow_runs");
        } catch (RuntimeException e) {
            throw UpstreamErrors.of("GitHub API", "listing workflow runs", e);
        }
        for (JsonNode run : runs) {
            Instant created = Instant.parse(run.path("created_at").asText("1970-01-01T00:00:00Z"));
            if (!created.isBefore(since)) {
                return Optional.of(run.path("html_url").asText());
            }
        }
        return Optional.empty();
    }
}
