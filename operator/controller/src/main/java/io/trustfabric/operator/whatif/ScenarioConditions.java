package io.trustfabric.operator.whatif;

/**
 * The Completed condition, as Kubernetes Jobs and Argo use it: False while the scenario waits or runs (reason Pending
 * or Running), True once it ended either way, with reason Succeeded or the failure's reason (phase Failed). So
 * {@code kubectl wait --for=condition=Completed} returns for both outcomes; the phase says which.
 */
public final class ScenarioConditions {

    public static final String COMPLETED = "Completed";
    public static final String REASON_PENDING = "Pending";
    public static final String REASON_RUNNING = "Running";
    public static final String REASON_SUCCEEDED = "Succeeded";
    public static final String REASON_TENANT_NOT_FOUND = "TenantNotFound";
    public static final String REASON_INVALID_SPEC = "InvalidSpec";
    public static final String REASON_NO_RUNNER = "TemplateNotSupported";
    public static final String REASON_INVALID_WINDOW = "InvalidWindow";
    public static final String REASON_REPORT_NOT_STORED = "ReportNotStored";

    private ScenarioConditions() {
    }
}
