package dev.workbench.agent;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link WorkbenchToolsTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class WorkbenchToolsIT extends WorkbenchToolsTest {
}
