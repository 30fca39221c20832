package dev.workbench.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The answer of {@code POST /deploy} and {@code GET /deploy/{id}}, the original's fields first. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployResult(String status, @JsonProperty("deployment_id") String deploymentId, String url, List<String> logs,
        String error, String target, String service, String version, String strategy, String image,
        @JsonProperty("run_url") String runUrl) {

    public static final String SUCCESS = "success";
    public static final String ERROR = "error";
}
