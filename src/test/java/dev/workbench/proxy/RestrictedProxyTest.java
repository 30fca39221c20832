package dev.workbench.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.workbench.support.Login;
import dev.workbench.support.RestrictedProfile;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code RESTRICT_MCP_PROXY=true}: the first segment must be in the service's allowlist. */
@QuarkusTest
@TestProfile(RestrictedProfile.class)
class RestrictedProxyTest {

    private final String token = Login.adminToken();

    @BeforeEach
    void reset() {
        ToolServicesResource.resetAll();
    }

    @ParameterizedTest
    @CsvSource({"memory,store", "memory,search/deep", "filesystem,read/src/main.py", "git,log", "vector,stats", "search,query"})
    void allowListedEndpointsPass(String service, String path) {
        given().auth().oauth2(token).when().get("/mcp/" + service + "/" + path)
                .then().statusCode(200).body("uri", equalTo("/" + path));
    }

    @ParameterizedTest
    @CsvSource({"search,%ef%bc%8e%ef%bc%8e/admin", "memory,store%ef%bc%8e%ef%bc%8e/admin", "memory,store;/../admin"})
    void lookAlikeDotsBehindAnAllowedSegmentAre400(String service, String path) throws Exception {
        String answer = dev.workbench.support.RawHttp.exchange("GET", "/mcp/" + service + "/" + path, token);
        assertThat(answer).startsWith("HTTP/1.1 400 ").endsWith("{\"detail\":\"Invalid path\"}");
        assertThat(ToolServicesResource.service(service).received()).isEmpty();
    }

    @Test
    void theAllowlistJudgesTheDecodedFirstSegment() throws Exception {
        // %73tore is "store", which the allowlist names; sent as is, not encoded again
        assertThat(dev.workbench.support.RawHttp.status("GET", "/mcp/memory/%73tore", token)).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"memory,admin", "memory,storex", "filesystem,exec/ls", "git,push", "git,checkout", "vector,drop", "vector,search", "search,health2"})
    void otherEndpointsAre403AndNeverForwarded(String service, String path) {
        given().auth().oauth2(token).when().get("/mcp/" + service + "/" + path)
                .then().statusCode(403).body("detail", equalTo("Endpoint not allowed"));
        assertThat(ToolServicesResource.service(service).received()).isEmpty();
    }
}
