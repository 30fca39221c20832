package dev.workbench.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link ProxyResourceTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class ProxyResourceIT extends ProxyResourceTest {
}
