package dev.workbench.agent.llm;

/**
 * The two wire formats an agent's model speaks, as configuration spells them ({@code anthropic},
 * {@code openai}): an unknown value fails at startup, naming its key.
 */
public enum ProviderKind {
    /** Anthropic's Messages API. */
    ANTHROPIC("anthropic", "ANTHROPIC_API_KEY"),
    /** Any OpenAI-compatible Chat Completions API (OpenAI, Ollama, vLLM, …). */
    OPENAI("openai", "OPENAI_API_KEY");

    private final String spelling;
    private final String keyVariable;

    ProviderKind(String spelling, String keyVariable) {
        this.spelling = spelling;
        this.keyVariable = keyVariable;
    }

    /** The environment variable of its API key. */
    public String keyVariable() {
        return keyVariable;
    }

    @Override
    public String toString() {
        return spelling;
    }
}
