package dev.workbench.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;
import java.util.Optional;

/** Login, tokens and the single admin account. */
@ConfigMapping(prefix = "workbench.auth")
public interface AuthConfig {

    /** The {@code JWT_SECRET_KEY} of development, as application.properties defaults it; production refuses it. */
    String DEVELOPMENT_JWT_SECRET = "workbench-development-secret-do-not-use-in-production";

    /** The admin password of development when neither password variable is set; production refuses to start. */
    String DEVELOPMENT_ADMIN_PASSWORD = "admin";

    /** {@code JWT_SECRET_KEY}: HS256 signing secret, used as the raw UTF-8 bytes of the string. */
    String jwtSecretKey();

    /** {@code ADMIN_USERNAME}: the one account that may log in (default {@code ceo}). */
    String adminUsername();

    /** {@code ADMIN_PASSWORD}: the admin's password in clear; ignored when a hash is set. */
    Optional<String> adminPassword();

    /** {@code ADMIN_PASSWORD_HASH}: bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}) of the admin's password. */
    Optional<String> adminPasswordHash();

    /** {@code ACCESS_TOKEN_EXPIRE_DAYS}: lifetime of an issued token, in whole days (default 7). */
    @WithConverter(ExpireDaysConverter.class)
    int accessTokenExpireDays();

    /** {@code ACCESS_TOKEN_EXPIRE_MINUTES}: lifetime of an issued token in minutes; when set, wins over the days. */
    Optional<Integer> accessTokenExpireMinutes();

    /** {@code JWT_ISSUER}: when set, written into new tokens as {@code iss} and required on incoming ones. */
    Optional<String> jwtIssuer();

    /** {@code JWT_AUDIENCE}: when set, written into new tokens as {@code aud} and required on incoming ones. */
    Optional<String> jwtAudience();

    /** {@code JWT_LEEWAY}: clock skew allowed on a token's {@code exp} (default 5s, at most 60s). */
    Duration jwtLeeway();

    /** The lifetime of issued tokens: {@code ACCESS_TOKEN_EXPIRE_MINUTES} when set, else the days. */
    default Duration tokenLifetime() {
        return accessTokenExpireMinutes().filter(minutes -> minutes > 0).map(Duration::ofMinutes)
                .orElse(Duration.ofDays(accessTokenExpireDays()));
    }

    /**
     * {@code ALLOW_DEV_NOAUTH}: outside production, and only while listening on loopback alone, a
     * request without a valid token acts as the admin (the original's dev start script sets it).
     */
    @WithConverter(dev.workbench.common.StrictBoolean.AllowDevNoAuth.class)
    Boolean allowDevNoauth();

    /** {@code LOGIN_MAX_FAILURES}: failed logins from one client address before it is refused (default 5). */
    int loginMaxFailures();

    /** {@code LOGIN_FAILURE_WINDOW}: how long failures are counted and a refused client waits (default 60s). */
    Duration loginFailureWindow();

    /**
     * {@code CLIENT_IP_HEADER}: request header that carries the real client address when a trusted
     * proxy sets it (on Fly.io, {@code Fly-Client-IP}); unset means the connection's peer address.
     */
    Optional<String> clientIpHeader();

    /** Converts {@code ACCESS_TOKEN_EXPIRE_DAYS}, naming the variable when the value is no positive number. */
    final class ExpireDaysConverter implements org.eclipse.microprofile.config.spi.Converter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int days = Integer.parseInt(value.trim());
                if (days > 0 && days <= 3650) {
                    return days;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the variable's name
            }
            throw new IllegalArgumentException(
                    "ACCESS_TOKEN_EXPIRE_DAYS must be a whole number of days between 1 and 3650, not '" + value + "'");
        }
    }
}
