package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Error-budget burn rate per window (error ratio divided by 1 - availability objective). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BurnRates {

    @JsonProperty("5m")
    @JsonPropertyDescription("Over the last 5 minutes (with 1h, above 14.4 pages).")
    private Double m5;

    @JsonProperty("30m")
    @JsonPropertyDescription("Over the last 30 minutes (with 6h, above 6 pages).")
    private Double m30;

    @JsonProperty("1h")
    @JsonPropertyDescription("Over the last hour (with 5m, above 14.4 pages).")
    private Double h1;

    @JsonProperty("6h")
    @JsonPropertyDescription("Over the last 6 hours (with 30m, above 6 pages; with 3d, above 1 opens a ticket).")
    private Double h6;

    @JsonProperty("3d")
    @JsonPropertyDescription("Over the last 3 days (with 6h, above 1 opens a ticket).")
    private Double d3;

    public BurnRates() {
    }

    public BurnRates(Double m5, Double m30, Double h1, Double h6, Double d3) {
        this.m5 = m5;
        this.m30 = m30;
        this.h1 = h1;
        this.h6 = h6;
        this.d3 = d3;
    }

    @JsonProperty("5m") public Double getM5() { return m5; }
    @JsonProperty("5m") public void setM5(Double m5) { this.m5 = m5; }
    @JsonProperty("30m") public Double getM30() { return m30; }
    @JsonProperty("30m") public void setM30(Double m30) { this.m30 = m30; }
    @JsonProperty("1h") public Double getH1() { return h1; }
    @JsonProperty("1h") public void setH1(Double h1) { this.h1 = h1; }
    @JsonProperty("6h") public Double getH6() { return h6; }
    @JsonProperty("6h") public void setH6(Double h6) { this.h6 = h6; }
    @JsonProperty("3d") public Double getD3() { return d3; }
    @JsonProperty("3d") public void setD3(Double d3) { this.d3 = d3; }

    @Override
    public boolean equals(Object o) {
        return o instanceof BurnRates b && Objects.equals(m5, b.m5) && Objects.equals(m30, b.m30)
                && Objects.equals(h1, b.h1) && Objects.equals(h6, b.h6) && Objects.equals(d3, b.d3);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m5, m30, h1, h6, d3);
    }
}
