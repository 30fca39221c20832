package dev.workbench.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link HealthResourceTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class HealthResourceIT extends HealthResourceTest {
}
