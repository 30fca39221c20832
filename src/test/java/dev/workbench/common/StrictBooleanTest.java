package dev.workbench.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Booleans as the original reads them, and a clear refusal of everything else. */
class StrictBooleanTest {

    private final StrictBoolean.AllowFullPrivilegeCommands converter = new StrictBoolean.AllowFullPrivilegeCommands();

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "Yes", " yes "})
    void trueValues(String value) {
        assertThat(converter.convert(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "False", "no", "NO", "", " "})
    void falseValues(String value) {
        assertThat(converter.convert(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "y", "ja", "si", "oui", "off", "2", "enabled", "t"})
    void anythingElseNamesTheVariableAndTheAcceptedValues(String value) {
        assertThatThrownBy(() -> converter.convert(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ALLOW_FULL_PRIVILEGE_COMMANDS must be 1, true, yes, 0, false, no or empty, not '" + value + "'");
    }
}
