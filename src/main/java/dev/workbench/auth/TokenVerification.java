package dev.workbench.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * How smallrye-jwt verifies bearer tokens: HS256 over the raw bytes of {@code JWT_SECRET_KEY}, the
 * way python-jose and PyJWT sign. smallrye's own {@code smallrye.jwt.verify.secretkey} expects a
 * JWK or PEM, not a raw secret, so the context is produced here instead; {@code exp} is required
 * (with {@code JWT_LEEWAY} of clock skew), {@code iss} and {@code aud} when configured, and
 * {@code iat} and {@code groups} are not.
 */
public class TokenVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(AuthConfig config) {
        var key = new SecretKeySpec(config.jwtSecretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, null);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        // The original accepted secrets of any length; RFC 7518's 256-bit minimum would lock its users out.
        info.setRelaxVerificationKeyValidation(true);
        info.setTokenHeader("Authorization");
        info.setTokenSchemes(List.of("Bearer"));
        info.setRequireNamedPrincipal(true);
        // python-jose and PyJWT tokens carry no iat. smallrye demands iat unless the maximum
        // time-to-live is set and not positive (null means its default), and no token age is set.
        info.setMaxTimeToLiveSecs(0L);
        info.setTokenAge(null);
        // smallrye's default grace on exp is 60 s; the operator's leeway, a few seconds, instead.
        info.setExpGracePeriodSecs((int) Math.min(60, config.jwtLeeway().toSeconds()));
        config.jwtIssuer().ifPresent(info::setIssuedBy);
        config.jwtAudience().ifPresent(audience -> info.setExpectedAudience(Set.of(audience)));
        return info;
    }
}
