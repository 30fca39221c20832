package dev.workbench.agent.llm;

import dev.workbench.common.Failure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the provider that runs an agent. Each provider's REST client is built once and reused.
 * With no API key configured at all, a local Ollama (probed at most every 30 s) runs every agent,
 * so a laptop needs nothing set; otherwise a missing key is reported naming its variable.
 */
@ApplicationScoped
public class ProviderRouter {

    /** The provider and model that will run an agent. */
    public record Choice(LlmProvider provider, String model) {
    }

    private static final URI OPENAI_DEFAULT = URI.create("https://api.openai.com/v1");
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final long PROBE_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LlmConfig config;
    private final LlmProvider anthropic;
    private final LlmProvider openai;
    private final LlmProvider ollama;
    private final HttpClient probeClient;
    private volatile long ollamaCheckedAt;
    private volatile boolean ollamaUp;

    ProviderRouter(LlmConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.anthropic = config.anthropicApiKey()
                .map(key -> new AnthropicProvider(client(config.anthropicBaseUrl(), AnthropicRestClient.class), key, json, config.timeout()))
                .orElse(null);
        boolean openAiUsable = config.openaiApiKey().isPresent() || !config.openaiBaseUrl().equals(OPENAI_DEFAULT);
        this.openai = openAiUsable
                ? new OpenAiProvider(client(config.openaiBaseUrl(), OpenAiRestClient.class), config.openaiApiKey().orElse(null), "OpenAI", json, config.timeout())
                : null;
        this.ollama = new OpenAiProvider(client(URI.create(stripSlash(config.ollamaBaseUrl()) + "/v1"), OpenAiRestClient.class),
                null, "Ollama", json, config.timeout());
        this.probeClient = vertx.createHttpClient();
    }

    /** The provider for an agent configured for {@code provider} with {@code model}. */
    public Uni<Choice> choose(ProviderKind provider, String model) {
        LlmProvider configured = provider == ProviderKind.ANTHROPIC ? anthropic : openai;
        if (configured != null) {
            return Uni.createFrom().item(new Choice(configured, model));
        }
        Failure.MissingCredentials missing = new Failure.MissingCredentials(provider.keyVariable() + " is not set: set it for the "
                + provider + " provider, or run Ollama at " + config.ollamaBaseUrl() + " with no API key set at all");
        if (anthropic != null || config.openaiApiKey().isPresent()) {
            return Uni.createFrom().failure(missing);
        }
        return ollamaAnswers().map(up -> {
            if (!up) {
                throw missing;
            }
            return new Choice(ollama, config.ollamaModel());
        });
    }

    /**
     * The provider of a fallback model, if it can be called at all: Anthropic and OpenAI when their
     * keys (or another OpenAI-compatible base URL) are set, Ollama always (a failure moves on).
     */
    public java.util.Optional<Choice> fallback(String provider, String model) {
        LlmProvider chosen = switch (provider) {
            case "anthropic" -> anthropic;
            case "openai" -> openai;
            default -> ollama;
        };
        return java.util.Optional.ofNullable(chosen).map(p -> new Choice(p, model));
    }

    private Uni<Boolean> ollamaAnswers() {
        long now = System.nanoTime();
        if (ollamaCheckedAt != 0 && now - ollamaCheckedAt < PROBE_CACHE_NANOS) {
            return Uni.createFrom().item(ollamaUp);
        }
        RequestOptions tags = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(stripSlash(config.ollamaBaseUrl()) + "/api/tags")
                .setConnectTimeout(PROBE_TIMEOUT.toMillis())
                .setIdleTimeout(PROBE_TIMEOUT.toMillis());
        return probeClient.request(tags)
                .chain(request -> request.send())
                .map(response -> response.statusCode() == 200)
                .ifNoItem().after(PROBE_TIMEOUT).recoverWithItem(false)
                .onFailure().recoverWithItem(false)
                .invoke(up -> {
                    ollamaUp = up;
                    ollamaCheckedAt = System.nanoTime();
                });
    }

    private <T> T client(URI base, Class<T> type) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.maxConnections())
                .build(type);
    }

    private static String stripSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @PreDestroy
    void close() {
        probeClient.closeAndForget();
    }
}
