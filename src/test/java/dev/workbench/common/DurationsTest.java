package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in messages read as people write them in configuration, never as {@code PT5M}. */
class DurationsTest {

    @Test
    void asWrittenInConfiguration() {
        assertThat(Durations.human(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.human(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.human(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.human(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0ms");
    }
}
