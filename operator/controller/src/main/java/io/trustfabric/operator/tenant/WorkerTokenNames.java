package io.trustfabric.operator.tenant;

import io.trustfabric.api.v1alpha1.Tenant;
import java.util.Map;

/** The worker token Secret a Tenant's workers authenticate to the control API with (docs/control-api.md). */
public final class WorkerTokenNames {

    public static final String COMPONENT = "psi-worker-token";
    public static final String TOKEN_KEY = "token";
    public static final String TOKEN_DIR = "/var/run/trustfabric/control";
    public static final String TOKEN_PATH = TOKEN_DIR + "/" + TOKEN_KEY;
    /** Label selector of every worker token Secret the operator made. */
    public static final Map<String, String> SELECTOR = Map.of(
            "app.kubernetes.io/component", COMPONENT,
            "app.kubernetes.io/managed-by", TenantResourceNames.MANAGED_BY);

    private WorkerTokenNames() {
    }

    public static String secretName(String tenant) {
        return tenant + "-psi-worker-token";
    }

    public static String secretName(Tenant tenant) {
        return secretName(tenant.getMetadata().getName());
    }
}
