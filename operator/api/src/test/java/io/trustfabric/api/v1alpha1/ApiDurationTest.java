package io.trustfabric.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiDurationTest {

    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "15m,PT15M", "24h,PT24H", "1h30m,PT1H30M", "720h,PT720H", "1h0m5s,PT1H5S"})
    void parsesHoursMinutesSeconds(String text, String iso) {
        assertThat(ApiDuration.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0s", "0h0m", "1d", "30m1h", "1 h", "-5m", "PT5M"})
    void refusesWhatTheCrdRefuses(String text) {
        assertThatThrownBy(() -> ApiDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
