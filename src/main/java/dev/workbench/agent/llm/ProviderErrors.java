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
            return new ProviderException(status, provider + " answered HTTP " + status
                    + (message == null ? "" : ": " + message));
        }
        return new ProviderException(provider + " connection failed: " + UpstreamFailures.describe(failure));
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
