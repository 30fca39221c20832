package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the audit log and error bodies mask, and what they leave alone. */
class RedactionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjZW8iLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU",
        "Bearer abcdefgh.ijklmnop-qrstuv",
        "bearer   0123456789abcdef",
        "sk-proj-0123456789abcdefABCDEF",
        "sk-ant-api03-0123456789abcdefABCDEF",
        "ghp_0123456789abcdefghij0123456789abcd",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
        "AKIAIOSFODNN7EXAMPLE",
        "FlyV1 fm2_lJPECAAAAAAAAbcdef==,fm2_xyz",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
    })
    void credentialShapesAreMasked(String secret) {
        String text = "before " + secret + " after";
        assertThat(Redaction.redact(text)).isEqualTo("before *** after");
    }

    @ParameterizedTest
    @ValueSource(strings = {"On branch main", "version 1.2.3", "api.machines.dev", "memory-service.internal.example",
        "a sketch of the task", "HEAD~3..HEAD"})
    void ordinaryTextIsLeftAlone(String text) {
        assertThat(Redaction.redact(text)).isEqualTo(text);
    }

    @Test
    void configuredSecretsAreMasked() {
        Redaction.registerSecret("a-configured-secret-value");
        assertThat(Redaction.redact("x a-configured-secret-value y")).isEqualTo("x *** y");
    }

    @Test
    void urlsLoseTheirCredentialsAndQuery() {
        assertThat(Redaction.safeUrl("http://svcuser:svc-pass@memory.internal:8081/base?token=abc#frag"))
                .isEqualTo("http://memory.internal:8081/base");
        assertThat(Redaction.safeUrl("http://localhost:8081")).isEqualTo("http://localhost:8081");
        assertThat(Redaction.safeUrl("not a url")).isNull();
    }
}
