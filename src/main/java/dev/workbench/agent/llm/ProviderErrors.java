package dev.workbench.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.services.UpstreamFailures;
import jakarta.ws.rs.WebApplicationException;

/** Turns what a provider's HTTP client threw into a {@link ProviderException} with the provider's own words. */
final class ProviderErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderErrors() {
    }

    static Throwable translate(String provider, Throwable failure) {
        if (failure instanceof ProviderException) {
            return failure;
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            String message = null;
            try {
                message = messageOf(web.getResponse().readEntity(String.class));
            } catch (RuntimeException unreadable) {
                // the status alone still says what happened
            }
            long retryAfter = status == 429 ? retryAfterSeconds(web.getResponse().getHeaderString("Retry-After")) : 0;
            return new ProviderException(status, provider + " answered HTTP " + status
                    + (message == null ? "" : ": " + message)
                    + (retryAfter > 0 ? "; retry after " + retryAfter + "s" : ""), retryAfter);
        }
        return new ProviderException(provider + " connection failed: " + UpstreamFailures.describe(failure));
    }

    /** The seconds of a {@code Retry-After} header given in seconds (an HTTP date counts as none), at most a day. */
    static long retryAfterSeconds(String header) {
        if (header == null || !header.trim().matches("[0-9]{1,9}")) {
            return 0;
        }
        return Math.min(86_400, Long.parseLong(header.trim()));
    }

    /** A stream with no data for longer than {@code LLM_TIMEOUT}. */
    static ProviderException silent(String provider, java.time.Duration idle) {
        return new ProviderException(provider + " went silent: no data for " + dev.workbench.common.Durations.human(idle)
                + " (LLM_TIMEOUT)");
    }

    /** A stream whose body ended without its terminal event. */
    static ProviderException endedEarly(String provider, String terminal) {
        return new ProviderException(provider + "'s stream ended early, without " + terminal + "; the partial answer is discarded");
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
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
