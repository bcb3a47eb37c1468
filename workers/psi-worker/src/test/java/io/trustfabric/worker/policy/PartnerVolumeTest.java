package io.trustfabric.worker.policy;

import io.trustfabric.worker.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartnerVolumeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T13:00:30Z"));
    private final PartnerVolume volume = new PartnerVolume(clock);

    @Test
    void countsQueriesAndElementsPerPartnerInTheLastHourAndDay() {
        volume.record("globex", 100);
        volume.record("globex", 20);
        volume.record("initech", 7);

        assertThat(volume.of("globex")).isEqualTo(windows(2, 120, 2, 120));
        assertThat(volume.of("initech")).isEqualTo(windows(1, 7, 1, 7));
        assertThat(volume.of("nobody")).isEqualTo(windows(0, 0, 0, 0));
    }

    @Test
    void anHourLaterTheQueryLeavesTheHourWindowAndADayLaterTheDayWindow() {
        volume.record("globex", 100);
        clock.advance(Duration.ofMinutes(59));
        volume.record("globex", 5);
        assertThat(volume.of("globex")).isEqualTo(windows(2, 105, 2, 105));

        clock.advance(Duration.ofMinutes(1)); // the first query's minute is now 60 minutes ago
        assertThat(volume.of("globex")).isEqualTo(windows(1, 5, 2, 105));

        clock.advance(Duration.ofHours(23).minusMinutes(1));
        assertThat(volume.of("globex")).isEqualTo(windows(0, 0, 2, 105));
        clock.advance(Duration.ofMinutes(1)); // a day after the first
        assertThat(volume.of("globex")).isEqualTo(windows(0, 0, 1, 5));
        clock.advance(Duration.ofHours(1));
        assertThat(volume.of("globex")).isEqualTo(windows(0, 0, 0, 0));
        assertThat(volume.buckets()).isZero();
    }

    @Test
    void memoryIsBoundedByOneBucketPerMinuteOfTheLastDay() {
        for (int minute = 0; minute < 3 * 24 * 60; minute++) {
            volume.record("globex", 1);
            volume.record("globex", 1);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(volume.buckets()).isLessThanOrEqualTo(PartnerVolume.DAY_MINUTES);
        assertThat(volume.of("globex").day().queries()).isEqualTo(2L * (PartnerVolume.DAY_MINUTES - 1));
        assertThat(volume.of("globex").hour().queries()).isEqualTo(2L * (PartnerVolume.HOUR_MINUTES - 1));
    }

    private static PartnerVolume.Windows windows(long hourQueries, long hourElements, long dayQueries,
                                                 long dayElements) {
        return new PartnerVolume.Windows(new PartnerVolume.Counts(hourQueries, hourElements),
                new PartnerVolume.Counts(dayQueries, dayElements));
    }
}
