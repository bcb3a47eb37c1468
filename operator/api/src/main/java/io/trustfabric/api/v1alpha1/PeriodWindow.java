package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A half-open time interval [start, end). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PeriodWindow {

    @JsonPropertyDescription("RFC 3339 start of the period (inclusive).")
    private String start;

    @JsonPropertyDescription("RFC 3339 end of the period (exclusive); the budget resets then.")
    private String end;

    public PeriodWindow() {
    }

    public PeriodWindow(String start, String end) {
        this.start = start;
        this.end = end;
    }

    public String getStart() { return start; }
    public void setStart(String start) { this.start = start; }
    public String getEnd() { return end; }
    public void setEnd(String end) { this.end = end; }
}
