package dev.workbench.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.common.Failure;

/** The body of {@code POST /auth/login}, checked field by field so the refusal names what is wrong. */
public record LoginRequest(String username, String password) {

    public static LoginRequest from(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new Failure.Invalid("Request body is required: {\"username\": ..., \"password\": ...}");
        }
        if (!body.isObject()) {
            throw new Failure.Invalid("Request body must be a JSON object with username and password");
        }
        return new LoginRequest(text(body, "username"), text(body, "password"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new Failure.Invalid("Field '" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new Failure.Invalid("Field '" + field + "' must be a string");
        }
        return value.textValue();
    }
}
