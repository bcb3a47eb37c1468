package io.trustfabric.api.v1alpha1;

/** Calendar boundaries a budget resets on. Constants are spelled as in YAML. */
public enum CalendarPeriod {
    Daily,
    Weekly,
    Monthly
}
