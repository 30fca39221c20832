package dev.workbench.services;

import dev.workbench.proxy.ProxyConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Talks to the tool services. Each service gets one MicroProfile REST client (typed calls such as
 * its health) and one pooled Vert.x HTTP client (the proxy's byte-for-byte pass-through, which must
 * stream to enforce a size cap), both built once with the service's base URL and timeouts.
 * Failures come back as {@link UpstreamException}: 502 unreachable or oversized, 504 too slow;
 * a service that keeps failing trips its circuit breaker, and calls fail fast with 503 for a while
 * instead of each waiting out a timeout. Health checks bypass the breaker: they report the truth.
 */
@ApplicationScoped
public class ServiceClient {

    private static final int POOL_SIZE = 64;

    private final Map<String, ServiceRestClient> restClients = new HashMap<>();
    private final Map<String, HttpClient> httpClients = new HashMap<>();
    private final Map<String, TypedGuard<Uni<UpstreamResponse>>> breakers = new HashMap<>();
    private final long maxResponseBytes;
    private final java.time.Duration breakerDelay;

    ServiceClient(ServiceRegistry registry, ProxyConfig proxy, Vertx vertx) {
        this.maxResponseBytes = proxy.maxResponseSize().asLongValue();
        this.breakerDelay = proxy.breakerDelay();
        for (ToolService service : registry.all()) {
            breakers.put(service.id(), TypedGuard.create(new TypeLiteral<Uni<UpstreamResponse>>() {
            })
                    .withCircuitBreaker()
                    .name("tool-service-" + service.id())
                    .requestVolumeThreshold(proxy.breakerVolume())
                    .failureRatio(0.5)
                    .delay(proxy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    // Only "no usable answer" counts; an upstream's own 4xx or 5xx is an answer.
                    .when(failure -> failure instanceof UpstreamException)
                    .done()
                    .build());
            long timeout = service.timeout().toMillis();
            restClients.put(service.id(), QuarkusRestClientBuilder.newBuilder()
                    .baseUri(service.url())
                    .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                    .readTimeout(timeout, TimeUnit.MILLISECONDS)
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, POOL_SIZE)
                    .build(ServiceRestClient.class));
            httpClients.put(service.id(), vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout((int) Math.min(timeout, Integer.MAX_VALUE))
                    .setMaxPoolSize(POOL_SIZE)
                    .setKeepAlive(true)));
        }
    }

    /** The status code of {@code GET {url}/health}, or a failure if none came within {@code timeout}. */
    public Uni<Integer> healthStatus(ToolService service, Duration timeout) {
        return restClients.get(service.id()).health()
                .map(response -> {
                    int status = response.getStatus();
                    response.close();
                    return status;
                })
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException("timed out after " + timeout.toMillis() + " ms"));
    }

    /**
     * Sends {@code method} to {@code {url}/{pathAndQuery}} with only the given content type and
     * accept headers, and reads at most the configured number of response bytes.
     */
    public Uni<UpstreamResponse> forward(ToolService service, HttpMethod method, String pathAndQuery,
            String contentType, String accept, byte[] body) {
        return breakers.get(service.id())
                .get(() -> send(service, method, pathAndQuery, contentType, accept, body))
                .onFailure(CircuitBreakerOpenException.class).transform(open -> UpstreamException.paused(service, breakerDelay));
    }

    private Uni<UpstreamResponse> send(ToolService service, HttpMethod method, String pathAndQuery,
            String contentType, String accept, byte[] body) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setAbsoluteURI(service.base() + "/" + pathAndQuery)
                .setIdleTimeout(service.timeout().toMillis());
        if (contentType != null) {
            options.putHeader("Content-Type", contentType);
        }
        if (accept != null) {
            options.putHeader("Accept", accept);
        }
        return httpClients.get(service.id()).request(options)
                .chain(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .chain(response -> readCapped(service, response))
                .ifNoItem().after(service.timeout()).failWith(() -> UpstreamException.timeout(service))
                .onFailure(failure -> !(failure instanceof UpstreamException))
                .transform(failure -> UpstreamFailures.isTimeout(failure)
                        ? UpstreamException.timeout(service)
                        : UpstreamException.unreachable(service, failure));
    }

    private Uni<UpstreamResponse> readCapped(ToolService service, HttpClientResponse response) {
        String declared = response.getHeader("Content-Length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > maxResponseBytes) {
            return response.request().connection().close()
                    .onItemOrFailure().transform((ignored, failure) -> {
                        throw UpstreamException.tooLarge(service, maxResponseBytes);
                    });
        }
        AtomicLong received = new AtomicLong();
        return response.toMulti()
                .onItem().invoke(chunk -> {
                    if (received.addAndGet(chunk.length()) > maxResponseBytes) {
                        throw UpstreamException.tooLarge(service, maxResponseBytes);
                    }
                })
                .collect().in(Buffer::buffer, Buffer::appendBuffer)
                .onFailure(UpstreamException.class).call(() -> response.request().connection().close())
                .map(all -> new UpstreamResponse(response.statusCode(), response.getHeader("Content-Type"), all.getBytes()));
    }

    @PreDestroy
    void close() {
        httpClients.values().forEach(HttpClient::closeAndForget);
        restClients.values().forEach(client -> {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing at shutdown; nothing to report to
                }
            }
        });
    }
}
