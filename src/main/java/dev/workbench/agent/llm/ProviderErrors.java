package dev.workbench.agent.llm;

import dev.workbench.common.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.toolservice.UpstreamFailures;
import jakarta.ws.rs.WebApplicationException;

/**
 * Turns what a provider's HTTP client threw into a {@link Failure} in the provider's own words: a
 * rate limit with the provider's wait, or an upstream failure.
 */
public final class ProviderErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The status by which a provider says it is rate-limiting us. */
    private static final int TOO_MANY_REQUESTS = jakarta.ws.rs.core.Response.Status.TOO_MANY_REQUESTS.getStatusCode();

    private ProviderErrors() {
    }

    static Throwable translate(String provider, Throwable failure) {
        if (failure instanceof Failure) {
            return failure;
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            String message = messageOf(UpstreamFailures.bodyOf(web));
            boolean rateLimited = status == TOO_MANY_REQUESTS;
            long retryAfter = rateLimited ? retryAfterSeconds(web.getResponse().getHeaderString("Retry-After")) : 0;
            String text = provider + " answered HTTP " + status + (message == null ? "" : ": " + message)
                    + (retryAfter > 0 ? "; retry after " + retryAfter + "s" : "");
            // A rate-limited provider's limit is the caller's too, with its wait; anything else is a failed upstream.
            boolean serverError = web.getResponse().getStatusInfo().getFamily() == jakarta.ws.rs.core.Response.Status.Family.SERVER_ERROR;
            return rateLimited ? new Failure.LimitReached(text, retryAfter) : new Failure.UpstreamFailed(text, serverError);
        }
        return new Failure.UpstreamFailed(provider + " connection failed: " + UpstreamFailures.describe(failure), true);
    }

    /** The seconds of a {@code Retry-After} header given in seconds (an HTTP date counts as none), at most a day. */
    static long retryAfterSeconds(String header) {
        if (header == null || !header.trim().matches("[0-9]{1,9}")) {
            return 0;
        }
        return Math.min(86_400, Long.parseLong(header.trim()));
    }

    /**
     * Whether a model call that failed this way before sending anything may go to the next model:
     * a rate limit, a timeout, a 5xx or a lost connection; not a refusal of the request itself.
     */
    public static boolean fallsBack(Throwable failure) {
        return failure instanceof Failure.LimitReached || failure instanceof Failure.UpstreamTimedOut
                || failure instanceof Failure.UpstreamFailed upstream && upstream.transientFailure();
    }

    /** A stream with no data for longer than {@code LLM_TIMEOUT}. */
    static Failure silent(String provider, java.time.Duration idle) {
        return new Failure.UpstreamTimedOut(provider + " went silent: no data for " + dev.workbench.common.Durations.human(idle)
                + " (LLM_TIMEOUT)");
    }

    /** A stream whose body ended without its terminal event. */
    static Failure endedEarly(String provider, String terminal) {
        return new Failure.UpstreamFailed(provider + "'s stream ended early, without " + terminal + "; the partial answer is discarded", true);
    }

    /** The {@code error.message} of a provider's JSON error body, or the start of the body. */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
        } catch (Exception notJson) {
            // fall through to the raw body
        }
        return UpstreamFailures.cut(body);
    }
}
