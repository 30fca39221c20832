package dev.workbench.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates the raw, undecoded path of a proxy request, before routing or normalisation can hide
 * anything: {@code /mcp/{service}/{path}}. Refused: dot segments and {@code ..} in any encoding,
 * double encoding, backslashes, {@code //}, encoded slashes, control and non-ASCII characters,
 * malformed escapes, a scheme or {@code http} prefix in the first segment, an empty path; and after
 * decoding, {@code ;} anywhere (an upstream may read it as a path parameter) and any character whose
 * NFKC form holds a {@code .}, {@code /} or {@code \} (fullwidth full stop, one-dot leader,
 * fullwidth solidus: an upstream that normalises would see {@code ..}).
 */
public final class ProxyPath {

    public static final String PREFIX = "/mcp/";

    private static final int MAX_LENGTH = 2048;
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_-]{1,63}");

    /** A proxy request's service id and the path to forward, both as received (still encoded). */
    public record Target(String service, String path) {

        /** The first segment of the path, decoded (the path is validated), which the allowlist is about. */
        public String firstSegment() {
            int slash = path.indexOf('/');
            String decoded = decode(slash < 0 ? path : path.substring(0, slash));
            return decoded == null ? "" : decoded;
        }
    }

    private ProxyPath() {
    }

    /** The target of a raw request path, or empty when the path must be refused. */
    public static Optional<Target> parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX) || rawPath.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        return target(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The target of a service id and a path (relative, still encoded), or empty when either must be refused. */
    public static Optional<Target> target(String service, String path) {
        return service != null && path != null && SERVICE.matcher(service).matches() && isSafe(path)
                && PREFIX.length() + service.length() + 1 + path.length() <= MAX_LENGTH
                ? Optional.of(new Target(service, path)) : Optional.empty();
    }

    /** Whether a path (relative, still encoded) may be appended to a service's base URL. */
    public static boolean isSafe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("//")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\' || c == '?' || c == '#') {
                return false;
            }
        }
        String decoded = decode(path);
        if (decoded == null || decoded.contains("..") || decoded.indexOf(';') >= 0 || hasLookAlikeSeparator(decoded)) {
            return false;
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.isEmpty()) {
                return false;
            }
        }
        String first = decoded.split("/", 2)[0].toLowerCase(Locale.ROOT);
        return !first.contains(":") && !first.startsWith("http");
    }

    /** Whether a non-ASCII character of {@code text} becomes {@code .}, {@code /} or {@code \} under NFKC. */
    private static boolean hasLookAlikeSeparator(String text) {
        return text.codePoints().filter(cp -> cp > 0x7f).anyMatch(cp -> {
            String normalised = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
            return normalised.indexOf('.') >= 0 || normalised.indexOf('/') >= 0 || normalised.indexOf('\\') >= 0;
        });
    }

    /**
     * Percent-decodes once, refusing what would change meaning when decoded again or by the
     * upstream: {@code %25} (double encoding), {@code %2F}, {@code %5C}, control bytes, bad UTF-8.
     */
    private static String decode(String path) {
        ByteBuffer bytes = ByteBuffer.allocate(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= path.length()) {
                return null;
            }
            int high = Character.digit(path.charAt(i + 1), 16);
            int low = Character.digit(path.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            int b = high * 16 + low;
            if (b < 0x20 || b == 0x7f || b == '%' || b == '/' || b == '\\' || b == '?' || b == '#') {
                return null;
            }
            bytes.put((byte) b);
            i += 2;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
