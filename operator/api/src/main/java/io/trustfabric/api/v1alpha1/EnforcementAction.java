package io.trustfabric.api.v1alpha1;

/** What a rule's denial does. Constants are spelled as in YAML. */
public enum EnforcementAction {
    /** Refuse the query. */
    enforce,
    /** Allow the query and record a warning. */
    warn,
    /** Only record what the rule would have decided. */
    dryrun
}
