package dev.workbench.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a successful login returns, in the original's field names. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType) {

    static TokenResponse bearer(String token) {
        return new TokenResponse(token, "bearer");
    }
}
