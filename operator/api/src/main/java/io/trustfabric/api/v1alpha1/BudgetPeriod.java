package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** When a budget resets: on calendar boundaries in a time zone, or every fixed duration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.calendar) != has(self.every)", message = "set exactly one of period.calendar or period.every")
@ValidationRule(value = "!has(self.timeZone) || has(self.calendar)", message = "period.timeZone only applies to period.calendar")
public class BudgetPeriod {

    @JsonPropertyDescription("Reset at the start of each calendar day, week (Monday) or month in timeZone.")
    private CalendarPeriod calendar;

    @Size(min = 1, max = 64)
    @Pattern("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")
    @JsonPropertyDescription("IANA time zone of the calendar boundaries (e.g. Europe/Berlin); defaults to UTC.")
    private String timeZone;

    @Pattern(ApiPatterns.DURATION)
    @Size(max = 32)
    @ValidationRule(value = "self.matches('[1-9]')", message = "period.every must be longer than 0")
    @JsonPropertyDescription("Reset every fixed duration counted from the budget's creation, e.g. 720h or 24h.")
    private String every;

    public CalendarPeriod getCalendar() { return calendar; }
    public void setCalendar(CalendarPeriod calendar) { this.calendar = calendar; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getEvery() { return every; }
    public void setEvery(String every) { this.every = every; }
}
