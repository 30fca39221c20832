package dev.workbench.auth;

import dev.workbench.common.Failure;
import jakarta.enterprise.context.ApplicationScoped;

/** Logs the admin in: rate limit first, then the credential check, then a fresh token. */
@ApplicationScoped
public class LoginService {

    private final LoginRateLimiter rateLimiter;
    private final PasswordVerifier passwords;
    private final TokenService tokens;

    LoginService(LoginRateLimiter rateLimiter, PasswordVerifier passwords, TokenService tokens) {
        this.rateLimiter = rateLimiter;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    /** Blocking: the password check may run bcrypt. */
    public TokenResponse login(LoginRequest request, String client) {
        try (LoginRateLimiter.Attempt attempt = rateLimiter.begin(client)) {
            if (!passwords.matches(request.username(), request.password())) {
                throw new Failure.Unauthenticated("Invalid credentials");
            }
            attempt.succeeded();
        }
        return TokenResponse.bearer(tokens.issue(request.username()));
    }
}
