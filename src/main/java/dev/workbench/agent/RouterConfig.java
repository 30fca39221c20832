package dev.workbench.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.util.List;
import java.util.Map;

/** {@code POST /agent/router}: a task's models, tried in order, then the default models. */
@ConfigMapping(prefix = "workbench.router")
public interface RouterConfig {

    /** {@code ENABLE_PORTKEY} (the original's name): the route exists only when true. */
    @WithConverter(dev.workbench.common.StrictBoolean.EnablePortkey.class)
    Boolean enabled();

    /** {@code ROUTER_DEFAULT_MODELS}: {@code provider:model} entries tried after a task's own, and for any other task. */
    List<String> defaultModels();

    /** {@code workbench.router.tasks.<task>}: {@code provider:model} entries for one task. */
    Map<String, List<String>> tasks();
}
