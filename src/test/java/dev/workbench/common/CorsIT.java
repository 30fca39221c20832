package dev.workbench.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link CorsTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class CorsIT extends CorsTest {
}
