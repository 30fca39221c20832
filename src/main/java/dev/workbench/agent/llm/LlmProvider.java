package dev.workbench.agent.llm;

import io.smallrye.mutiny.Multi;

/** A model behind a streaming HTTP API. Cancelling the stream closes the provider connection. */
public interface LlmProvider {

    /** The wire format it speaks. */
    ProviderKind kind();

    /** Streams one model call; fails with a {@link dev.workbench.common.Failure} on provider errors. */
    Multi<LlmEvent> stream(ChatRequest request);
}
