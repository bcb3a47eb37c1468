package io.trustfabric.api.v1alpha1;

/** Severity of a lint finding. Constants are spelled as in YAML. */
public enum FindingSeverity {
    /** The object cannot be used until fixed. */
    error,
    warning,
    info
}
