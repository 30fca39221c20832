package dev.workbench.deploy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link DeployResourceTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class DeployResourceIT extends DeployResourceTest {
}
