package dev.workbench.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link ErrorResponsesTest} against the packaged application (the jar here, the native binary in CI). */
@QuarkusIntegrationTest
class ErrorResponsesIT extends ErrorResponsesTest {
}
