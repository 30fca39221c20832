package dev.workbench.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * Responses whose form a request decides at run time, from one JAX-RS method returning a Multi:
 * server-sent events in the original's frames ({@code event:} line when named, one {@code data:}
 * line of JSON, a blank line; {@code event: end} / {@code data: [DONE]} last), or one JSON body
 * whose status is known only when the work is done.
 */
@ApplicationScoped
public class StreamResponses {

    /** Text, not a Buffer: a static Buffer would put a Vert.x buffer in the native image heap. */
    private static final String END = "event: end\ndata: [DONE]\n\n";

    private final ObjectMapper json;

    StreamResponses(ObjectMapper json) {
        this.json = json;
    }

    /** A named event: {@code event: name} and its JSON data. */
    public Buffer event(String name, Object data) {
        return Buffer.buffer("event: " + name + "\n").appendBuffer(data(data));
    }

    /** An unnamed event: only its JSON data. */
    public Buffer data(Object data) {
        // Jackson escapes line breaks inside strings, so one event is always one data line.
        return Buffer.buffer("data: ").appendBytes(bytes(data)).appendString("\n\n");
    }

    /** The last event of every stream. */
    public Buffer end() {
        return Buffer.buffer(END);
    }

    /** {@code frames} as a {@code text/event-stream} response, written as they come. */
    public Multi<Buffer> eventStream(Multi<Buffer> frames) {
        return RestMulti.fromMultiData(frames)
                .status(200)
                .header("Content-Type", MediaType.SERVER_SENT_EVENTS)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }

    /**
     * One JSON response for an outcome that succeeded (200 and its body) or, when {@code failed},
     * ended with {@code failure}: that failure's status and headers (500 when it is null, a bug).
     */
    public <T> Multi<Buffer> jsonOrFailure(Uni<T> outcome, java.util.function.Predicate<T> failed, Function<T, Failure> failure,
            Function<T, Object> body) {
        return json(outcome, done -> failed.test(done) ? FailureStatus.ofOrUnexpected(failure.apply(done)) : 200, body,
                done -> failed.test(done) && failure.apply(done) != null ? FailureStatus.headers(failure.apply(done)) : Map.of());
    }

    /** One JSON response, with the status and body {@code outcome} ends with. */
    public <T> Multi<Buffer> json(Uni<T> outcome, ToIntFunction<T> status, Function<T, Object> body) {
        return json(outcome, status, body, done -> Map.of());
    }

    /** One JSON response, with the status, body and extra headers {@code outcome} ends with. */
    public <T> Multi<Buffer> json(Uni<T> outcome, ToIntFunction<T> status, Function<T, Object> body,
            Function<T, Map<String, String>> headers) {
        return RestMulti.fromUniResponse(outcome,
                done -> Multi.createFrom().item(Buffer.buffer(bytes(body.apply(done)))),
                done -> {
                    Map<String, List<String>> all = new java.util.HashMap<>();
                    headers.apply(done).forEach((name, value) -> all.put(name, List.of(value)));
                    all.put("Content-Type", List.of(MediaType.APPLICATION_JSON));
                    return all;
                },
                status::applyAsInt);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
