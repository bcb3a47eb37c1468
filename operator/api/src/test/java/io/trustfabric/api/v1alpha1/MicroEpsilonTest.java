package io.trustfabric.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MicroEpsilonTest {

    @ParameterizedTest
    @CsvSource({"10.0,10000000", "10,10000000", "0.1,100000", "1.0,1000000", "0.000001,1", "999999.999999,999999999999",
            "000.5,500000", "0,0"})
    void parsesDecimalStringsExactly(String decimal, long micro) {
        assertThat(MicroEpsilon.parse(decimal)).isEqualTo(micro);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.1234567", "-1", "1e3", ".5", "5.", "ten", "1,5", "1234567"})
    void refusesWhatTheCrdRefuses(String decimal) {
        assertThatThrownBy(() -> MicroEpsilon.parse(decimal)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an epsilon decimal");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> MicroEpsilon.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"10000000,10.0", "100000,0.1", "1,0.000001", "0,0.0", "6100000,6.1", "1234567,1.234567"})
    void formatsTheShortestDecimalThatParsesBack(long micro, String decimal) {
        assertThat(MicroEpsilon.format(micro)).isEqualTo(decimal);
        assertThat(MicroEpsilon.parse(MicroEpsilon.format(micro))).isEqualTo(micro);
    }

    @Test
    void negativeIsRefused() {
        assertThatThrownBy(() -> MicroEpsilon.format(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
