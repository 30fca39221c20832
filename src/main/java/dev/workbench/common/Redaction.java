package dev.workbench.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Masks secrets in text we write for others to read (audit lines, error bodies): the configured
 * secrets themselves, and strings shaped like credentials: JWTs (three base64url segments),
 * {@code Bearer …}, OpenAI and Anthropic keys ({@code sk-…}, {@code sk-ant-…}), GitHub tokens
 * ({@code ghp_…}, {@code github_pat_…}), AWS access key ids ({@code AKIA…}), Fly tokens and PEM blocks.
 */
public final class Redaction {

    private static final String MASK = "***";
    private static final Pattern SHAPES = Pattern.compile(String.join("|",
            "-----BEGIN [A-Z0-9 ]{1,40}-----[\\s\\S]*?-----END [A-Z0-9 ]{1,40}-----",
            "eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*",
            "[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}",
            "gh[pousr]_[A-Za-z0-9]{20,}",
            "github_pat_[A-Za-z0-9_]{20,}",
            "sk-[A-Za-z0-9_-]{16,}",
            "AKIA[0-9A-Z]{16}",
            "FlyV1 [A-Za-z0-9_+/=,-]+",
            "(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}"));

    /** The configured secrets of this process, registered once at startup. */
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private Redaction() {
    }

    /** Registers a configured secret; values shorter than 4 characters would mask ordinary text and are skipped. */
    static void registerSecret(String secret) {
        if (secret != null && secret.length() >= 4 && !SECRETS.contains(secret)) {
            SECRETS.add(secret);
        }
    }

    /** {@code text} with every known secret and credential shape replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : SECRETS) {
            out = out.replace(secret, MASK);
        }
        return SHAPES.matcher(out).replaceAll(MASK);
    }

    /** A URL to show: without user-info, query or fragment; what cannot be parsed shows as its scheme and host only, or not at all. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return null;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
