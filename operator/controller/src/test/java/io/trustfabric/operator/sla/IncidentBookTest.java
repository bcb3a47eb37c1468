package io.trustfabric.operator.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.SlaIncident;
import io.trustfabric.api.v1alpha1.SlaIncidents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentBookTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void opensAcknowledgesAndResolvesWithMeanTimes() {
        IncidentBook book = new IncidentBook("acme", List.of());
        SlaIncident first = book.open(SlaVerdict.REASON_BURN_FAST, clock.instant());
        assertThat(first.getId()).isEqualTo("acme-20261203-1");
        assertThat(book.open(SlaVerdict.REASON_ERROR_RATE, clock.instant()).getId())
                .as("a second open while one is open returns the open one").isEqualTo("acme-20261203-1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(book.acknowledge("acme-20261203-1", clock.instant())).isPresent();
        clock.advance(Duration.ofMinutes(6));
        assertThat(book.acknowledge("acme-20261203-1", clock.instant()).orElseThrow().getAcknowledgedAt())
                .as("the first acknowledgement counts").isEqualTo("2026-12-03T10:04:00Z");
        book.resolve(clock.instant());

        clock.advance(Duration.ofHours(1));
        SlaIncident second = book.open(SlaVerdict.REASON_LATENCY, clock.instant());
        assertThat(second.getId()).isEqualTo("acme-20261203-2");
        clock.advance(Duration.ofMinutes(30));
        book.resolve(clock.instant());

        SlaIncidents summary = book.summary(clock.instant());
        assertThat(summary.getOpen()).isNull();
        assertThat(summary.getRecent()).extracting(SlaIncident::getId)
                .containsExactly("acme-20261203-2", "acme-20261203-1");
        assertThat(summary.getLast30Days()).isEqualTo(2);
        // acknowledged: only the first, after 4 min; resolved: 10 min and 30 min
        assertThat(summary.getMttaSeconds()).isEqualTo(240.0);
        assertThat(summary.getMttrSeconds()).isEqualTo(1200.0);
    }

    @Test
    void anUnknownIdAcknowledgesNothing() {
        IncidentBook book = new IncidentBook("acme", List.of());
        book.open(SlaVerdict.REASON_BURN_FAST, clock.instant());
        assertThat(book.acknowledge("acme-20261203-9", clock.instant())).isEmpty();
        assertThat(book.open().orElseThrow().getAcknowledgedAt()).isNull();
    }

    @Test
    void survivesARestartThroughItsJsonAndDropsWhatIsUnreadable() {
        IncidentBook book = new IncidentBook("acme", List.of());
        book.open(SlaVerdict.REASON_BURN_FAST, clock.instant());
        IncidentBook read = IncidentBook.fromJson("acme", book.toJson());
        assertThat(read.open().orElseThrow().getId()).isEqualTo("acme-20261203-1");
        assertThat(IncidentBook.fromJson("acme", "{not json").incidents()).isEmpty();
        assertThat(IncidentBook.fromJson("acme", "[{\"id\":\"x\",\"openedAt\":\"yesterday\"}]").incidents())
                .isEmpty();
    }

    @Test
    void keepsThirtyDaysAndAtMostTwoHundred() {
        IncidentBook book = new IncidentBook("acme", List.of());
        for (int i = 0; i < 250; i++) {
            book.open(SlaVerdict.REASON_BURN_FAST, clock.instant());
            clock.advance(Duration.ofMinutes(1));
            book.resolve(clock.instant());
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(book.incidents()).hasSize(IncidentBook.MAX_INCIDENTS);
        clock.advance(Duration.ofDays(31));
        book.open(SlaVerdict.REASON_LATENCY, clock.instant());
        assertThat(book.incidents()).singleElement().satisfies(i -> assertThat(i.getId()).endsWith("-1"));
        assertThat(book.summary(clock.instant()).getLast30Days()).isEqualTo(1);
    }
}
