package dev.workbench.heartbeat;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link HeartbeatSocketTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class HeartbeatSocketIT extends HeartbeatSocketTest {
}
