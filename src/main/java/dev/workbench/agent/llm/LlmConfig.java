package dev.workbench.agent.llm;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where the language models are and how to reach them. */
@ConfigMapping(prefix = "workbench.llm")
public interface LlmConfig {

    /** {@code ANTHROPIC_API_KEY}: key for the Anthropic Messages API. */
    Optional<String> anthropicApiKey();

    /** {@code ANTHROPIC_BASE_URL}: base of the Anthropic API (default https://api.anthropic.com). */
    URI anthropicBaseUrl();

    /** {@code OPENAI_API_KEY}: key for an OpenAI-compatible Chat Completions API. */
    Optional<String> openaiApiKey();

    /** {@code OPENAI_BASE_URL}: base of the OpenAI-compatible API, with its version (default https://api.openai.com/v1). */
    URI openaiBaseUrl();

    /** {@code OLLAMA_BASE_URL}: a local Ollama, used by every agent when no API key is set at all (default http://localhost:11434). */
    URI ollamaBaseUrl();

    /** {@code OLLAMA_MODEL}: the model every agent uses on Ollama (default llama3.2). */
    String ollamaModel();

    /** {@code LLM_CONNECT_TIMEOUT}: longest wait to connect to a provider (default 10s). */
    Duration connectTimeout();

    /** {@code LLM_TIMEOUT}: longest silence from a provider, before or between chunks (default 120s). */
    Duration timeout();

    /** {@code LLM_MAX_CONNECTIONS}: open connections to one provider, i.e. concurrent model calls (default 1000). */
    int maxConnections();

    /** {@code LLM_RETRY_BUDGET}: the longest {@code Retry-After} of a rate-limited model waited out before its fallback takes over. */
    Duration retryBudget();
}
