package io.trustfabric.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.api.v1alpha1.BudgetPeriod;
import io.trustfabric.api.v1alpha1.CalendarPeriod;
import io.trustfabric.api.v1alpha1.PeriodWindow;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetPeriodsTest {

    private static final Instant CREATED = Instant.parse("2026-11-03T10:15:00Z");

    private static BudgetPeriod calendar(CalendarPeriod calendar, String zone) {
        BudgetPeriod period = new BudgetPeriod();
        period.setCalendar(calendar);
        period.setTimeZone(zone);
        return period;
    }

    private static BudgetPeriod every(String duration) {
        BudgetPeriod period = new BudgetPeriod();
        period.setEvery(duration);
        return period;
    }

    private static PeriodWindow at(BudgetPeriod period, String now) {
        return BudgetPeriods.containing(period, CREATED, Instant.parse(now));
    }

    @Test
    void refusesAPeriodWithBothOrNeitherKindAndAnUnknownZone() {
        BudgetPeriod both = calendar(CalendarPeriod.Daily, null);
        both.setEvery("24h");
        assertThatThrownBy(() -> at(both, "2026-11-25T09:00:00Z")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> at(new BudgetPeriod(), "2026-11-25T09:00:00Z")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> at(calendar(CalendarPeriod.Daily, "Mars/Olympus"), "2026-11-25T09:00:00Z"))
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> BudgetPeriods.containing(null, CREATED, CREATED)).hasMessageContaining("missing");
    }

    @Test
    void monthlyInATimeZoneStartsAtLocalMidnightOfTheFirst() {
        PeriodWindow window = at(calendar(CalendarPeriod.Monthly, "Europe/Berlin"), "2026-11-30T23:30:00Z");
        // 23:30 UTC on Nov 30 is already December 1st in Berlin
        assertThat(window.getStart()).isEqualTo("2026-11-30T23:00:00Z");
        assertThat(window.getEnd()).isEqualTo("2026-12-31T23:00:00Z");
    }

    @Test
    void weeklyStartsOnMondayAndDailyAtMidnightUtcByDefault() {
        PeriodWindow week = at(calendar(CalendarPeriod.Weekly, null), "2026-11-25T09:00:00Z"); // a Wednesday
        assertThat(week.getStart()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(week.getEnd()).isEqualTo("2026-11-30T00:00:00Z");
        PeriodWindow day = at(calendar(CalendarPeriod.Daily, null), "2026-11-25T00:00:00Z");
        assertThat(day.getStart()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(day.getEnd()).isEqualTo("2026-11-26T00:00:00Z");
    }

    @Test
    void aDaylightSavingChangeMakesADayOf23Hours() {
        PeriodWindow day = at(calendar(CalendarPeriod.Daily, "Europe/Berlin"), "2026-03-29T12:00:00Z");
        assertThat(day.getStart()).isEqualTo("2026-03-28T23:00:00Z");
        assertThat(day.getEnd()).isEqualTo("2026-03-29T22:00:00Z");
    }

    @Test
    void fixedDurationsCountFromTheBudgetsCreation() {
        PeriodWindow window = at(every("24h"), "2026-11-25T09:00:00Z");
        assertThat(window.getStart()).isEqualTo("2026-11-24T10:15:00Z");
        assertThat(window.getEnd()).isEqualTo("2026-11-25T10:15:00Z");
        assertThat(at(every("1h30m"), "2026-11-03T11:45:00Z").getStart()).isEqualTo("2026-11-03T11:45:00Z");
    }
}
