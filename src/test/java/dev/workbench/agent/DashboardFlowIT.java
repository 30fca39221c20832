package dev.workbench.agent;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DashboardFlowTest} against the packaged application. */
@QuarkusIntegrationTest
class DashboardFlowIT extends DashboardFlowTest {
}
