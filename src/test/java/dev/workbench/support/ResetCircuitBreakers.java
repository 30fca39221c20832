package dev.workbench.support;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Closes every circuit breaker before each test of an in-process application, so the failures one
 * test provokes on purpose never decide what the next test sees. The breakers keep the settings
 * production runs with. (The packaged application of the integration tests is out of reach; only two
 * of its calls fail on purpose, far below what opens a breaker.)
 */
public class ResetCircuitBreakers implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ArcContainer container = Arc.container();
        if (container != null) {
            container.instance(CircuitBreakerMaintenance.class).get().resetAll();
        }
    }
}
