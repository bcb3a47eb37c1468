package io.trustfabric.api.v1alpha1;

/** Regular expressions shared by the schema of several kinds (RE2 syntax, as the API server evaluates them). */
public final class ApiPatterns {

    /** An RFC 1123 DNS label: what Kubernetes accepts as most object names. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** A non-negative decimal with at most six fractional digits, so it converts exactly to integer micro-epsilon. */
    public static final String DECIMAL_MICRO = "^[0-9]{1,6}(\\.[0-9]{1,6})?$";

    /** A Go-style duration of hours, minutes and seconds, e.g. 90s, 15m, 24h, 1h30m. */
    public static final String DURATION = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$";

    /** An RFC 3339 timestamp with an explicit offset, e.g. 2026-12-31T23:59:59Z. */
    public static final String DATE_TIME =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

    /** A versioned reference to a PolicyMacro, e.g. residency@v1. */
    public static final String MACRO_REF = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?@v[1-9][0-9]*$";

    private ApiPatterns() {
    }
}
