package io.trustfabric.api.v1alpha1;

/** Lifecycle of a what-if scenario. Constants are spelled as in YAML. */
public enum ScenarioPhase {
    Pending,
    Running,
    Succeeded,
    Failed
}
