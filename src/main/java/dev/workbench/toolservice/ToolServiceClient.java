package dev.workbench.toolservice;

import dev.workbench.common.Failure;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Multi;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Talks to the tool services, each through one pooled Vert.x HTTP client built once with the
 * service's timeouts: health checks, answers read whole for the agents' tools, and answers streamed
 * through for the proxy. Failures come back as {@link Failure}s: upstream failed (unreachable, oversized) or timed out;
 * a service that keeps failing trips its circuit breaker, and calls fail fast as unavailable for a while
 * instead of each waiting out a timeout. Health checks bypass the breaker: they report the truth.
 */
@ApplicationScoped
public class ToolServiceClient {

    private static final int POOL_SIZE = 64;

    private final Map<String, HttpClient> httpClients = new HashMap<>();
    private final Map<String, TypedGuard<Uni<HttpClientResponse>>> breakers = new HashMap<>();
    private final long maxResponseBytes;
    private final java.time.Duration breakerDelay;

    private final ResponseBudget budget;
    private final Vertx vertx;

    ToolServiceClient(ToolServiceRegistry registry, ToolClientConfig settings, Vertx vertx, ResponseBudget budget) {
        this.budget = budget;
        this.vertx = vertx;
        this.maxResponseBytes = settings.maxResponseSize().asLongValue();
        this.breakerDelay = settings.breakerDelay();
        for (ToolService service : registry.all()) {
            breakers.put(service.id(), TypedGuard.create(new TypeLiteral<Uni<HttpClientResponse>>() {
            })
                    .withCircuitBreaker()
                    .name("tool-service-" + service.id())
                    .requestVolumeThreshold(settings.breakerVolume())
                    .failureRatio(0.5)
                    .delay(settings.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    // Only "no usable answer" counts; an upstream's own 4xx or 5xx is an answer.
                    .when(failure -> failure instanceof Failure.UpstreamFailed || failure instanceof Failure.UpstreamTimedOut)
                    .done()
                    .build());
            long timeout = service.timeout().toMillis();
            httpClients.put(service.id(), vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout((int) Math.min(timeout, Integer.MAX_VALUE))
                    .setMaxPoolSize(POOL_SIZE)
                    .setKeepAlive(true)));
        }
    }

    /** What {@code GET {url}/health} answered: its status, and what was wrong with the answer, if anything. */
    public record HealthAnswer(int status, String problem) {
    }

    /** Most bytes of a health answer read: a service's health is a status, not a document. */
    static final int MAX_HEALTH_BYTES = 4 * 1024;

    /**
     * {@code GET {url}/health}, reading at most {@value #MAX_HEALTH_BYTES} bytes of the answer
     * while it arrives (a larger one is a problem, and its connection is closed), or a failure if
     * none came within {@code timeout}.
     */
    public Uni<HealthAnswer> health(ToolService service, Duration timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(service.base() + "/health")
                .setIdleTimeout(timeout.toMillis());
        String tooLarge = "health answer larger than " + MAX_HEALTH_BYTES / 1024 + " KiB";
        return httpClients.get(service.id()).request(options)
                .chain(request -> request.send())
                .chain(response -> {
                    if (declaresMoreThan(response, MAX_HEALTH_BYTES)) {
                        return closeQuietly(response)
                                .onItemOrFailure().transform((ignored, failure) -> new HealthAnswer(response.statusCode(), tooLarge));
                    }
                    AtomicLong received = new AtomicLong();
                    return response.toMulti()
                            .onItem().invoke(chunk -> {
                                if (received.addAndGet(chunk.length()) > MAX_HEALTH_BYTES) {
                                    throw new HealthTooLarge();
                                }
                            })
                            .onItem().ignoreAsUni()
                            .map(ignored -> new HealthAnswer(response.statusCode(), null))
                            .onFailure(HealthTooLarge.class).call(() -> closeQuietly(response))
                            .onFailure(HealthTooLarge.class).recoverWithItem(new HealthAnswer(response.statusCode(), tooLarge));
                })
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException("timed out after " + timeout.toMillis() + " ms"));
    }

    /** A health answer past its cap: stops reading it. */
    private static final class HealthTooLarge extends RuntimeException {
        HealthTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * Sends {@code method} to {@code {url}/{pathAndQuery}} with only the given content type and
     * accept headers, and reads the whole answer, at most the configured number of bytes, into
     * memory (within the {@link ResponseBudget}): for callers that need the answer whole.
     */
    public Uni<UpstreamResponse> forward(ToolService service, HttpMethod method, String pathAndQuery,
            String contentType, String accept, byte[] body) {
        return head(service, method, pathAndQuery, contentType, accept, body).chain(response -> readCapped(service, response))
                .ifNoItem().after(service.timeout()).failWith(() -> ToolServiceFailures.timeout(service));
    }

    /**
     * Sends {@code method} like {@link #forward}, and gives back the answer's head as soon as it
     * arrives, with its body still to come: each chunk is passed on as it arrives and read only
     * as fast as it is consumed, so memory stays one chunk per answer whatever its size. Past the
     * configured size, or after the service's timeout without a byte, the body fails and the
     * connection to the service is closed; so it is when the consumer cancels.
     */
    public Uni<UpstreamStream> open(ToolService service, HttpMethod method, String pathAndQuery,
            String contentType, String accept, byte[] body) {
        return head(service, method, pathAndQuery, contentType, accept, body).map(response -> {
            java.util.function.Consumer<Buffer> cap = capped(service);
            Multi<io.vertx.core.buffer.Buffer> chunks = response.toMulti()
                    // Upstream of the checks below, so that their failures close it too. Closed once the
                    // reader has let go of the response, whose closing error is then expected, not news.
                    .onCancellation().invoke(() -> vertx.runOnContext(() -> closeQuietly(response).subscribe().with(closed -> {
                    }, failed -> {
                    })))
                    .onItem().invoke(cap)
                    .map(Buffer::getDelegate)
                    .ifNoItem().after(service.timeout()).failWith(() -> ToolServiceFailures.silent(service))
                    .onFailure().transform(failure -> ToolServiceFailures.of(service, failure));
            return new UpstreamStream(response.statusCode(), response.getHeader("Content-Type"), chunks);
        });
    }

    /**
     * The request, through the service's circuit breaker, up to the answer's head: no head within
     * the service's timeout, no connection, or a declared length past the cap count as failures.
     */
    private Uni<HttpClientResponse> head(ToolService service, HttpMethod method, String pathAndQuery,
            String contentType, String accept, byte[] body) {
        return breakers.get(service.id())
                .get(() -> send(service, method, pathAndQuery, contentType, accept, body))
                .onFailure(CircuitBreakerOpenException.class).transform(open -> ToolServiceFailures.paused(service, breakerDelay));
    }

    private Uni<HttpClientResponse> send(ToolService service, HttpMethod method, String pathAndQuery,
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
                .chain(response -> {
                    // Held until its reader subscribes, possibly on another thread: a small body
                    // may otherwise have ended, unread, before then.
                    response.pause();
                    if (declaresMoreThan(response, maxResponseBytes)) {
                        return closeQuietly(response)
                                .onItemOrFailure().transform((ignored, failure) -> {
                                    throw ToolServiceFailures.tooLarge(service, maxResponseBytes);
                                });
                    }
                    return Uni.createFrom().item(response);
                })
                .ifNoItem().after(service.timeout()).failWith(() -> ToolServiceFailures.timeout(service))
                .onFailure().transform(failure -> ToolServiceFailures.of(service, failure));
    }

    private Uni<UpstreamResponse> readCapped(ToolService service, HttpClientResponse response) {
        ResponseBudget.Hold hold = budget.hold();
        return response.toMulti()
                .onItem().invoke(capped(service))
                .onItem().invoke(chunk -> {
                    if (!hold.take(chunk.length())) {
                        throw ToolServiceFailures.overBudget(service);
                    }
                })
                .collect().in(Buffer::buffer, Buffer::appendBuffer)
                .onFailure().invoke(hold::release)
                .onFailure(Failure.class).call(() -> closeQuietly(response))
                .onFailure().transform(failure -> ToolServiceFailures.of(service, failure))
                .map(all -> {
                    UpstreamResponse answer = new UpstreamResponse(response.statusCode(), response.getHeader("Content-Type"),
                            all.getBytes(), hold);
                    budget.watch(answer, hold);
                    return answer;
                });
    }

    /** Counts an answer's chunks as they arrive, and fails the read past the configured size. */
    private java.util.function.Consumer<Buffer> capped(ToolService service) {
        AtomicLong received = new AtomicLong();
        return chunk -> {
            if (received.addAndGet(chunk.length()) > maxResponseBytes) {
                throw ToolServiceFailures.tooLarge(service, maxResponseBytes);
            }
        };
    }

    /**
     * Closes the connection of an answer we stop reading; the answer's own "connection closed"
     * error is then expected, not something for the log.
     */
    private static Uni<Void> closeQuietly(HttpClientResponse response) {
        response.exceptionHandler(expected -> {
        });
        return response.request().connection().close();
    }

    /** Whether the answer's {@code Content-Length} already says it is larger than {@code limit}. */
    private static boolean declaresMoreThan(HttpClientResponse response, long limit) {
        String declared = response.getHeader("Content-Length");
        return declared != null && !declared.isEmpty() && declared.length() < 19 && declared.chars().allMatch(Character::isDigit)
                && Long.parseLong(declared) > limit;
    }

    @PreDestroy
    void close() {
        httpClients.values().forEach(HttpClient::closeAndForget);
    }
}
