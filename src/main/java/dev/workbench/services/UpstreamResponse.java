package dev.workbench.services;

/** What a tool service answered: status, its content type, and the whole body. */
public record UpstreamResponse(int status, String contentType, byte[] body) {
}
