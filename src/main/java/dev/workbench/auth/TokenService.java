package dev.workbench.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Issues the admin's access tokens: HS256, {@code sub} and {@code exp}, as the original did. */
@ApplicationScoped
public class TokenService {

    private final SecretKey key;
    private final Duration lifetime;

    TokenService(AuthConfig config) {
        this.key = new SecretKeySpec(config.jwtSecretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetime = Duration.ofDays(config.accessTokenExpireDays());
    }

    public String issue(String subject) {
        return Jwt.subject(subject)
                .expiresAt(Instant.now().plus(lifetime))
                .jws()
                .header("typ", "JWT")
                .sign(key);
    }
}
