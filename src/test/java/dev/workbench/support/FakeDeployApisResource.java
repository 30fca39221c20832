package dev.workbench.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Starts the loopback stand-in for the Fly Machines and GitHub APIs and points the application's
 * REST clients at it; credentials are each profile's to give, or not.
 */
public class FakeDeployApisResource implements QuarkusTestResourceLifecycleManager {

    private static FakeDeployApis apis;

    public static synchronized FakeDeployApis apis() {
        if (apis == null) {
            apis = new FakeDeployApis(Vertx.vertx());
        }
        return apis;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.fly-machines.url", apis().url() + "/v1", "quarkus.rest-client.github.url", apis().url());
    }

    @Override
    public void stop() {
        // Lives for the whole test run: several test profiles restart the application against it.
    }
}
