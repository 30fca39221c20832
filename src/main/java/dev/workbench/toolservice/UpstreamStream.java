package dev.workbench.toolservice;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * A tool service's answer whose head has arrived: its status, content type, and its body still to
 * come, to be subscribed to once. Chunks are read as fast as they are consumed; a failure of the
 * body is a {@link dev.workbench.common.Failure} (too large, too slow between chunks, connection lost).
 */
public record UpstreamStream(int status, String contentType, Multi<Buffer> body) {
}
