package dev.workbench.toolservice;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/** A configured tool service, as the rest of the code sees it. */
public record ToolService(String id, String name, URI url, Set<String> allowlist, Duration timeout) {

    /** The base URL without a trailing slash, so paths can be appended with one. */
    public String base() {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
