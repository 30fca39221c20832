package dev.workbench.deploy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /deploy}. Names are checked strictly: they end up in URLs and image references. */
@RegisterForReflection
public record DeployRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,30}", message = "must be a configured target such as staging or production") String target,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String service,
        @Pattern(regexp = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[a-f0-9]{64}", message = "must be an image tag or a sha256: digest") String version,
        Boolean rollback) {

    public String versionOrLatest() {
        return version == null ? "latest" : version;
    }

    public boolean isRollback() {
        return rollback != null && rollback;
    }
}
