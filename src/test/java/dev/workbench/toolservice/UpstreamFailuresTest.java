package dev.workbench.toolservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Upstream failures said in words: never a Java class name or a stack frame. */
class UpstreamFailuresTest {

    @Test
    void commonFailuresInWords() {
        assertThat(UpstreamFailures.describe(new RuntimeException(new ConnectException("Connection refused")))).isEqualTo("connection refused");
        assertThat(UpstreamFailures.describe(new UnknownHostException("nowhere.invalid"))).isEqualTo("unknown host");
        assertThat(UpstreamFailures.describe(new java.util.concurrent.TimeoutException())).isEqualTo("timed out");
        assertThat(UpstreamFailures.describe(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))).isEqualTo("TLS handshake failed");
        assertThat(UpstreamFailures.describe(new java.io.IOException("Connection reset by peer"))).isEqualTo("connection reset");
    }

    @Test
    void classNamesAreTakenOutOfOtherMessages() {
        String described = UpstreamFailures.describe(new jakarta.ws.rs.ProcessingException(
                "io.netty.channel.AbstractChannel$AnnotatedConnectException: something odd happened\n\tat io.netty.Foo.bar(Foo.java:1)"));
        assertThat(described).isEqualTo("something odd happened").doesNotContain("io.netty").doesNotContain("Exception");
    }
}
