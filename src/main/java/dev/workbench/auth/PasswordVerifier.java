package dev.workbench.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Checks the admin's credentials. Username and password are both checked on every attempt, so an
 * unknown user costs the same as a wrong password. Blocking (bcrypt): call it off the event loop.
 */
@ApplicationScoped
public class PasswordVerifier {

    /** Modular crypt format of bcrypt as Python's passlib/bcrypt, OpenBSD and PHP write it. */
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}$");

    /** Python's bcrypt reads at most 72 bytes of a password; verify the same way. */
    private static final BCrypt.Verifyer BCRYPT_VERIFYER =
            BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2B));

    private final byte[] adminUsername;
    private final String passwordHash;
    private final byte[] passwordDigest;

    PasswordVerifier(AuthConfig config) {
        this.adminUsername = digest(config.adminUsername());
        this.passwordHash = config.adminPasswordHash().orElse(null);
        this.passwordDigest = passwordHash != null ? null : digest(config.adminPassword().orElse(AuthConfig.DEVELOPMENT_ADMIN_PASSWORD));
    }

    public static boolean isBcryptHash(String hash) {
        return BCRYPT.matcher(hash).matches();
    }

    public boolean matches(String username, String password) {
        boolean passwordOk = passwordHash != null
                ? BCRYPT_VERIFYER.verify(password.toCharArray(), passwordHash.toCharArray()).verified
                : MessageDigest.isEqual(passwordDigest, digest(password));
        boolean userOk = MessageDigest.isEqual(adminUsername, digest(username));
        return passwordOk & userOk;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
