package io.trustfabric.operator.pool;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of a namespace's shared worker pool {@code psi-pool-<pool>}. */
public final class PoolNames {

    public static final String PREFIX = "psi-pool-";
    public static final String COMPONENT = "psi-pool";
    public static final String POOL_LABEL = "trustfabric.io/pool";
    public static final String POOL_SELECTOR = "app.kubernetes.io/component=" + COMPONENT;
    /** Per-tenant files of a pool worker live below this directory, one sub-directory per tenant. */
    public static final String TENANTS_DIR = "/var/run/trustfabric/tenants";

    private PoolNames() {
    }

    /** Deployment, Service and ServiceAccount of the pool. */
    public static String workers(String pool) {
        return PREFIX + pool;
    }

    public static String config(String pool) {
        return PREFIX + pool + "-config";
    }

    /** What a pooled tenant's clients call: the pool Service with the tenant's path prefix. */
    public static String endpoint(String namespace, String pool, String tenant) {
        return "http://" + workers(pool) + "." + namespace + ".svc:" + TenantResourceNames.WORKER_PORT
                + "/tenants/" + tenant;
    }

    public static String tenantDir(String tenant) {
        return TENANTS_DIR + "/" + tenant;
    }

    public static Map<String, String> selector(String pool) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", TenantResourceNames.WORKER_APP_NAME);
        labels.put("app.kubernetes.io/instance", workers(pool));
        return labels;
    }

    public static Map<String, String> labels(String pool) {
        Map<String, String> labels = selector(pool);
        labels.put("app.kubernetes.io/component", COMPONENT);
        labels.put("app.kubernetes.io/part-of", "trust-fabric");
        labels.put("app.kubernetes.io/managed-by", TenantResourceNames.MANAGED_BY);
        labels.put(POOL_LABEL, pool);
        return labels;
    }

    /**
     * Every member owns the pool, none controls it: the garbage collector removes the pool when the last member
     * is deleted.
     */
    public static OwnerReference memberReference(Tenant tenant) {
        return new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion())
                .withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName())
                .withUid(tenant.getMetadata().getUid())
                .withController(false)
                .withBlockOwnerDeletion(false)
                .build();
    }
}
