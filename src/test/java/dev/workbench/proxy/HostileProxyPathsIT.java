package dev.workbench.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link HostileProxyPathsTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class HostileProxyPathsIT extends HostileProxyPathsTest {
}
