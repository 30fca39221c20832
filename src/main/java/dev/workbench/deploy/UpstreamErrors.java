package dev.workbench.deploy;

import dev.workbench.toolservice.UpstreamFailures;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/** Turns what a deployment API client threw into a {@link DeployException} naming the step. */
final class UpstreamErrors {

    private UpstreamErrors() {
    }

    static DeployException of(String api, String step, RuntimeException failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            String body = UpstreamFailures.cut(UpstreamFailures.bodyOf(web));
            return new DeployException(api + " answered HTTP " + web.getResponse().getStatus() + " " + step
                    + (body.isBlank() ? "" : ": " + body.strip()));
        }
        if (failure instanceof ProcessingException) {
            return new DeployException(api + " unreachable " + step + ": " + UpstreamFailures.describe(failure));
        }
        return new DeployException(api + " failed " + step + ": " + UpstreamFailures.describe(failure));
    }
}
