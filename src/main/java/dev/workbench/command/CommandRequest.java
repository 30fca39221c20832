package dev.workbench.command;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /command}: a command line, the repository to run it in, extra arguments. */
@RegisterForReflection
public record CommandRequest(
        @NotBlank @Size(max = 4096) String command,
        @NotBlank @Size(max = 128) String service,
        @Size(max = 100) List<@NotNull @Size(max = 4096) String> args) {

    public List<String> argsOrEmpty() {
        return args == null ? List.of() : args;
    }
}
