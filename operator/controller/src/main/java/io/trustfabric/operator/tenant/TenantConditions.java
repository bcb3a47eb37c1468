package io.trustfabric.operator.tenant;

/** Condition types and reasons the operator writes on a Tenant (documented in docs/operator-guide.md). */
public final class TenantConditions {

    public static final String READY = "Ready";
    public static final String WORKERS_AVAILABLE = "WorkersAvailable";
    public static final String PAUSED = "Paused";
    public static final String POLICY_READY = "PolicyReady";
    /** Written by {@link io.trustfabric.operator.sla.SlaConformance}; reasons in {@link io.trustfabric.operator.sla.SlaVerdict}. */
    public static final String SLA_CONFORMANT = io.trustfabric.operator.sla.SlaVerdict.CONDITION;

    // Ready
    public static final String REASON_READY = "WorkersAvailable";
    public static final String REASON_WORKERS_NOT_READY = "WorkersNotReady";
    public static final String REASON_RECONCILE_FAILED = "ReconcileFailed";

    // WorkersAvailable
    public static final String REASON_MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    public static final String REASON_REPLICAS_UNAVAILABLE = "ReplicasUnavailable";
    public static final String REASON_SCALED_TO_ZERO = "ScaledToZero";
    public static final String REASON_DEPLOYMENT_PENDING = "DeploymentPending";

    // Paused
    public static final String REASON_PAUSED_BY_ANNOTATION = "PausedByAnnotation";
    public static final String REASON_RECONCILING = "Reconciling";

    private TenantConditions() {
    }
}
