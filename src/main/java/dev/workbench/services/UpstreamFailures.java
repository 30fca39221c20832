package dev.workbench.services;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Small predicates that classify why a call to a tool service failed. */
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
}
