package dev.workbench.command;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link CommandResourceTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class CommandResourceIT extends CommandResourceTest {
}
