package io.trustfabric.operator.budget;

import io.trustfabric.api.v1alpha1.ApiDuration;
import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.PeriodWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The budget period containing an instant: calendar days, weeks (from Monday) or months in a time zone, or
 * fixed durations counted from the budget's creation.
 */
public final class BudgetPeriods {

    private BudgetPeriods() {
    }

    /** The half-open window [start, end) that contains {@code now}. */
    public static PeriodWindow containing(BudgetPeriod period, Instant created, Instant now) {
        if (period == null) {
            throw new IllegalArgumentException("spec.period is missing");
        }
        if (period.getCalendar() != null && period.getEvery() == null) {
            return calendar(period, now);
        }
        if (period.getEvery() != null && period.getCalendar() == null) {
            return fixed(ApiDuration.parse(period.getEvery()), created, now);
        }
        throw new IllegalArgumentException("set exactly one of period.calendar or period.every");
    }

    private static PeriodWindow calendar(BudgetPeriod period, Instant now) {
        ZoneId zone = period.getTimeZone() == null ? ZoneOffset.UTC : zone(period.getTimeZone());
        ZonedDateTime today = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime start = switch (period.getCalendar()) {
            case Daily -> today;
            case Weekly -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case Monthly -> today.withDayOfMonth(1);
        };
        ZonedDateTime end = switch (period.getCalendar()) {
            case Daily -> start.plusDays(1);
            case Weekly -> start.plusWeeks(1);
            case Monthly -> start.plusMonths(1);
        };
        // atStartOfDay semantics: a day starting in a DST gap begins at the first valid instant
        return window(start.toLocalDate().atStartOfDay(zone).toInstant(), end.toLocalDate().atStartOfDay(zone).toInstant());
    }

    private static PeriodWindow fixed(Duration every, Instant created, Instant now) {
        if (now.isBefore(created)) {
            return window(created, created.plus(every));
        }
        long periods = Duration.between(created, now).toMillis() / every.toMillis();
        Instant start = created.plus(every.multipliedBy(periods));
        return window(start, start.plus(every));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("period.timeZone '" + id + "' is not an IANA time zone");
        }
    }

    private static PeriodWindow window(Instant start, Instant end) {
        return new PeriodWindow(start.toString(), end.toString());
    }
}
