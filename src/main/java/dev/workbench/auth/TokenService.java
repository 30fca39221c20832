package dev.workbench.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues the admin's access tokens: HS256, {@code sub} and {@code exp}, as the original did, and
 * {@code iss}/{@code aud} when {@code JWT_ISSUER}/{@code JWT_AUDIENCE} are set, as its later version does.
 */
@ApplicationScoped
public class TokenService {

    private final SecretKey key;
    private final Duration lifetime;
    private final AuthConfig config;

    TokenService(AuthConfig config) {
        this.key = new SecretKeySpec(config.jwtSecretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetime = config.tokenLifetime();
        this.config = config;
    }

    public String issue(String subject) {
        var claims = Jwt.subject(subject).expiresAt(Instant.now().plus(lifetime));
        config.jwtIssuer().ifPresent(claims::issuer);
        config.jwtAudience().ifPresent(claims::audience);
        return claims.jws()
                .header("typ", "JWT")
                .sign(key);
    }
}
