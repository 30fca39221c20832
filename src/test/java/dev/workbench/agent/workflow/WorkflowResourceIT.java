package dev.workbench.agent.workflow;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The cases of {@link WorkflowResourceTest} against the packaged application. */
@QuarkusIntegrationTest
class WorkflowResourceIT extends WorkflowResourceTest {
}
