package dev.workbench.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link ProtectedRoutesTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class ProtectedRoutesIT extends ProtectedRoutesTest {
}
