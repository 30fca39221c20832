package dev.workbench.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The memory service points at a port nobody listens on, through a URL that carries a user, a
 * password and a query (none of which may ever be shown).
 */
public class MemoryUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("workbench.services.memory.url", "http://svcuser:svc-pass@127.0.0.1:" + freePort() + "/base?token=abc");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
