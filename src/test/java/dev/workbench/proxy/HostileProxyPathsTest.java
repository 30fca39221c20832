package dev.workbench.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.support.Login;
import dev.workbench.support.RawHttp;
import dev.workbench.support.ToolServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile proxy paths, sent byte for byte on a raw socket with a valid admin token: each is
 * refused with exactly the answer it must get (almost all {@code 400 Invalid path}), for GET and
 * POST, and no tool service ever receives a request.
 */
@QuarkusTest
@WithTestResource(value = ToolServicesResource.class, scope = TestResourceScope.GLOBAL)
class HostileProxyPathsTest {

    private static final List<String> IDS = List.of("memory", "filesystem", "git", "vector", "search");

    @BeforeAll
    static void clean() {
        ToolServicesResource.resetAll();
    }

    @AfterAll
    static void nothingReachedAnyService() {
        for (String id : IDS) {
            assertThat(ToolServicesResource.service(id).received()).as(id).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // dot segments, plain and in every encoding
        "/mcp/memory/../secret",
        "/mcp/memory/a/../../git/status",
        "/mcp/memory/..",
        "/mcp/memory/./health",
        "/mcp/memory/health/.",
        "/mcp/memory/%2e%2e/secret",
        "/mcp/memory/%2E%2E/secret",
        "/mcp/memory/%2E./secret",
        "/mcp/memory/.%2e/secret",
        "/mcp/memory/%2e/health",
        "/mcp/memory/%252e%252e/secret",
        "/mcp/memory/%25252e%25252e/secret",
        "/mcp/memory/..;/secret",
        "/mcp/memory/files/..%00/etc",
        "/mcp/memory/%c0%ae%c0%ae/secret",
        "/mcp/memory/foo..bar",
        "/mcp/../mcp/memory/health",
        "/x/../mcp/memory/health",
        // backslashes and slashes
        "/mcp/memory/%5c..%5csecret",
        "/mcp/memory//etc/passwd",
        "/mcp/memory/a//b",
        "/mcp//memory/health",
        "/mcp/memory/%2f%2fevil.example/x",
        "/mcp/memory/%2fetc%2fpasswd",
        "/mcp/memory/a%2F..%2Fb",
        // schemes and URL injection
        "/mcp/memory/http://evil.example/x",
        "/mcp/memory/https:%2f%2fevil.example",
        "/mcp/memory/http:evil.example",
        "/mcp/memory/file:/etc/passwd",
        "/mcp/memory/gopher:x",
        "/mcp/memory/javascript:alert(1)",
        "/mcp/memory/httpevil",
        "/mcp/memory/HTTP://evil.example",
        "/mcp/memory/%68ttp://evil.example",
        // control characters, NUL, bad escapes
        "/mcp/memory/health%00",
        "/mcp/memory/%00",
        "/mcp/memory/a%0d%0aX-Injected:%201",
        "/mcp/memory/a%0aHost:evil",
        "/mcp/memory/a%09b",
        "/mcp/memory/a%7fb",
        "/mcp/memory/%ff%fe",
        // empty paths and odd services
        "/mcp/memory/",
        "/mcp/memory",
        "/mcp/",
        "/mcp",
        "/mcp/%2e%2e/health",
        "/mcp/mem%6fry/health",
        "/mcp/memory%2fhealth",
    })
    void isRefusedAsAnInvalidPathAndNeverForwarded(String rawPath) throws Exception {
        refusedWith(rawPath, "HTTP/1.1 400 ", "{\"detail\":\"Invalid path\"}");
    }

    @Test
    void anUnknownServiceIs404AndNothingIsForwarded() throws Exception {
        refusedWith("/mcp/nosuch/health", "HTTP/1.1 404 ", "{\"detail\":\"Service nosuch not found\"}");
    }

    /** Request lines the HTTP layer cannot decode (a raw backslash, a broken escape): Vert.x answers 400 before any route. */
    @ParameterizedTest
    @ValueSource(strings = {"/mcp/memory/..\\secret", "/mcp/memory/a\\b", "/mcp/memory/%zz", "/mcp/memory/abc%4"})
    void undecodableRequestLinesAre400FromTheHttpLayer(String rawPath) throws Exception {
        refusedWith(rawPath, "HTTP/1.1 400 ", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // characters whose NFKC form is a dot, a slash or a backslash: an upstream that normalises sees ..
        "/mcp/memory/%ef%bc%8e%ef%bc%8e/secret",      // U+FF0E FULLWIDTH FULL STOP
        "/mcp/memory/%e2%80%a4%e2%80%a4/secret",      // U+2024 ONE DOT LEADER
        "/mcp/memory/a%e2%80%a5/secret",              // U+2025 TWO DOT LEADER
        "/mcp/memory/%ef%bc%8f..%ef%bc%8fsecret",     // U+FF0F FULLWIDTH SOLIDUS
        "/mcp/memory/a%ef%bc%bcb",                    // U+FF3C FULLWIDTH REVERSE SOLIDUS
        "/mcp/memory/%ef%b9%92secret",                // U+FE52 SMALL FULL STOP
        "/mcp/memory/%e2%92%88secret",                // U+2488 DIGIT ONE FULL STOP
        // path parameters
        "/mcp/memory/.;/secret",
        "/mcp/memory/health;x=1",
        "/mcp/memory/a%3bb",
        "/mcp/memory/%3b/secret",
    })
    void lookAlikeDotsAndPathParametersAre400InvalidPath(String rawPath) throws Exception {
        refusedWith(rawPath, "HTTP/1.1 400 ", "{\"detail\":\"Invalid path\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp/memory/caf%c3%a9", "/mcp/memory/%e6%97%a5%e6%9c%ac"})
    void otherNonAsciiCharactersStillPass(String rawPath) throws Exception {
        assertThat(RawHttp.status("GET", rawPath, Login.adminToken())).isEqualTo(200);
        ToolServicesResource.resetAll();
    }

    /** GET and POST of {@code rawPath} answer {@code statusLine}... with exactly {@code body}; no service was called. */
    private static void refusedWith(String rawPath, String statusLine, String body) throws Exception {
        for (String method : List.of("GET", "POST")) {
            String answer = RawHttp.exchange(method, rawPath, Login.adminToken());
            assertThat(answer).as(method + " " + rawPath).startsWith(statusLine);
            assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).as(method + " " + rawPath).isEqualTo(body);
        }
        for (String id : IDS) {
            assertThat(ToolServicesResource.service(id).received()).as(rawPath + " reached " + id).isEmpty();
        }
    }
}
