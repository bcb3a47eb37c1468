package io.trustfabric.api.v1alpha1;

/** What a spent budget does to further queries. Constants are spelled as in YAML. */
public enum ExhaustionAction {
    /** Refuse every further charged query until the next period. */
    Reject
}
