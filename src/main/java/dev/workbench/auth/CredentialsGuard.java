package dev.workbench.auth;

import dev.workbench.common.AppConfig;
import dev.workbench.common.Environment;
import dev.workbench.common.StartupRefusal;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Refuses to start production with development credentials, and says in one line which variable
 * to set; in development, says in one warning line which defaults are in use. Never logs a value.
 */
public class CredentialsGuard {

    private static final Logger LOG = Logger.getLogger(CredentialsGuard.class);

    /** Secrets that appear in examples and defaults; a production deployment must not use them. */
    private static final Set<String> WEAK_SECRETS = Set.of(
            AuthConfig.DEVELOPMENT_JWT_SECRET, "secret", "changeme", "change-me", "your-secret-key",
            "your-secret-key-here", "dev", "development", "jwt-secret", "supersecret");

    /** RFC 7518 §3.2: an HS256 key is at least 256 bits. */
    static final int MIN_JWT_SECRET_BYTES = 32;
    static final int MIN_ADMIN_PASSWORD_CHARS = 12;

    /** Common and default passwords, compared case-insensitively; the development default among them. */
    private static final Set<String> COMMON_PASSWORDS = Set.of(AuthConfig.DEVELOPMENT_ADMIN_PASSWORD, "password",
            "changeit", "changeme", "payready2025", "123456789012", "password1234", "administrator", "adminadmin123",
            "qwertyuiop123", "letmein12345", "welcome12345", "passw0rd1234", "password123!", "admin1234567");

    void check(@Observes @Priority(1) StartupEvent event, AppConfig app, AuthConfig auth) {
        String problem = problemWith(app.environment(), auth);
        if (problem != null) {
            StartupRefusal.refuse(problem);
        }
        if (app.environment() == Environment.DEVELOPMENT) {
            List<String> defaults = developmentDefaultsInUse(auth);
            if (!defaults.isEmpty()) {
                LOG.warnf("ENVIRONMENT=development: using development defaults for %s; set ENVIRONMENT=production and real values before exposing this service",
                        String.join(", ", defaults));
            }
        }
    }

    /** The one-line reason production may not start with this configuration, or null. */
    static String problemWith(Environment environment, AuthConfig auth) {
        if (auth.adminPasswordHash().isPresent() && !PasswordVerifier.isBcryptHash(auth.adminPasswordHash().get())) {
            return "ADMIN_PASSWORD_HASH is not a bcrypt hash: expected $2a$, $2b$ or $2y$, a cost and 53 characters of salt and hash";
        }
        if (environment != Environment.PRODUCTION) {
            return null;
        }
        if (WEAK_SECRETS.contains(auth.jwtSecretKey().trim().toLowerCase(Locale.ROOT))) {
            return "Refusing to start in production: JWT_SECRET_KEY is missing or a development default; set it to a long random secret";
        }
        if (auth.jwtSecretKey().getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            return "Refusing to start in production: JWT_SECRET_KEY must be at least " + MIN_JWT_SECRET_BYTES
                    + " bytes (RFC 7518 §3.2: an HS256 key has at least 256 bits); generate one with 'openssl rand -hex 32'";
        }
        if (auth.adminPassword().isEmpty() && auth.adminPasswordHash().isEmpty()) {
            return "Refusing to start in production: set ADMIN_PASSWORD_HASH (bcrypt) or ADMIN_PASSWORD";
        }
        if (auth.adminPasswordHash().isEmpty()) {
            String password = auth.adminPassword().get();
            if (password.isBlank() || password.codePointCount(0, password.length()) < MIN_ADMIN_PASSWORD_CHARS) {
                return "Refusing to start in production: ADMIN_PASSWORD must be at least " + MIN_ADMIN_PASSWORD_CHARS
                        + " characters and not blank";
            }
            if (COMMON_PASSWORDS.contains(password.trim().toLowerCase(Locale.ROOT))) {
                return "Refusing to start in production: ADMIN_PASSWORD is a common or default password; choose another";
            }
        }
        return null;
    }

    private static List<String> developmentDefaultsInUse(AuthConfig auth) {
        List<String> defaults = new ArrayList<>();
        if (auth.jwtSecretKey().equals(AuthConfig.DEVELOPMENT_JWT_SECRET)) {
            defaults.add("JWT_SECRET_KEY");
        }
        if (auth.adminPassword().isEmpty() && auth.adminPasswordHash().isEmpty()) {
            defaults.add("ADMIN_PASSWORD (\"" + AuthConfig.DEVELOPMENT_ADMIN_PASSWORD + "\")");
        }
        return defaults;
    }
}
