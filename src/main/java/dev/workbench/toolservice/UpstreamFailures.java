package dev.workbench.toolservice;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The one place that reads what an upstream (a tool service, a provider, the Fly or GitHub API)
 * failed with: whether it timed out, why in words, and the start of its error body.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException || t instanceof ConnectTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Qualified Java class names ({@code io.netty.channel.AbstractChannel$AnnotatedConnectException:}) in a message. */
    private static final Pattern CLASS_NAMES = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*:?\\s*");

    /** A short reason in words, fit for a client: no stack trace, no internal class name. */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed";
            }
        }
        if (isTimeout(failure)) {
            return "timed out";
        }
        String message = failure.getMessage();
        String words = message == null ? "" : CLASS_NAMES.matcher(firstLine(message)).replaceAll("").strip();
        if (words.toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
            return "connection reset";
        }
        if (words.toLowerCase(java.util.Locale.ROOT).contains("closed")) {
            return "connection closed";
        }
        return words.isBlank() ? "connection failed" : words;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** Most characters of an upstream's error body passed on. */
    public static final int MAX_BODY_CHARS = 300;

    /** The body an HTTP client's error carries (cut it with {@link #cut} to show it), or "" when there is none or it cannot be read. */
    public static String bodyOf(jakarta.ws.rs.WebApplicationException failure) {
        String body = null;
        try {
            body = failure.getResponse() == null ? null : failure.getResponse().readEntity(String.class);
        } catch (RuntimeException unreadable) {
            // the status alone says what happened
        }
        return body == null ? "" : body;
    }

    /** {@code text} cut to {@link #MAX_BODY_CHARS}. */
    public static String cut(String text) {
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
    }
}
