package io.trustfabric.operator.tenant;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.trustfabric.api.v1alpha1.Tenant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of the objects the operator creates for a Tenant. */
public final class TenantResourceNames {

    public static final String MANAGED_BY = "trust-fabric-operator";
    public static final String MANAGED_BY_SELECTOR = "app.kubernetes.io/managed-by=" + MANAGED_BY;
    public static final String WORKER_APP_NAME = "psi-worker";
    public static final String TENANT_LABEL = "trustfabric.io/tenant";
    public static final String CONFIG_HASH_ANNOTATION = "trustfabric.io/config-hash";
    public static final String KEY_SEED_ANNOTATION = "trustfabric.io/key-seed-uid";
    public static final int WORKER_PORT = 8080;

    private TenantResourceNames() {
    }

    /** Deployment, Service and ServiceAccount of the tenant's workers. */
    public static String workers(Tenant tenant) {
        return tenant.getMetadata().getName() + "-psi";
    }

    public static String config(Tenant tenant) {
        return tenant.getMetadata().getName() + "-psi-config";
    }

    /** The effective partner allowlist (docs/control-api.md). */
    public static String partners(Tenant tenant) {
        return partners(tenant.getMetadata().getName());
    }

    public static String partners(String tenant) {
        return tenant + "-psi-partners";
    }

    public static String keySeed(Tenant tenant) {
        return tenant.getMetadata().getName() + "-psi-key";
    }

    public static String endpoint(Tenant tenant) {
        return "http://" + workers(tenant) + "." + tenant.getMetadata().getNamespace() + ".svc:" + WORKER_PORT;
    }

    /** Selects the tenant's worker pods; never changes for a tenant because a Deployment's selector is immutable. */
    public static Map<String, String> selector(Tenant tenant) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", WORKER_APP_NAME);
        labels.put("app.kubernetes.io/instance", tenant.getMetadata().getName());
        return labels;
    }

    /**
     * The owner reference every dependent carries: the Tenant is its controller, so kubectl shows "Controlled By"
     * and the garbage collector deletes it (foreground deletion waits for it) when the Tenant goes.
     */
    public static OwnerReference controllerReference(Tenant tenant) {
        return new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion())
                .withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName())
                .withUid(tenant.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** Metadata of an object the Tenant owns: its name, the Tenant's namespace, the standard labels, the owner. */
    public static ObjectMeta ownedMetadata(Tenant tenant, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.getMetadata().getNamespace())
                .withLabels(labels(tenant, component))
                .withOwnerReferences(controllerReference(tenant))
                .build();
    }

    /** The standard app.kubernetes.io labels every owned object carries. */
    public static Map<String, String> labels(Tenant tenant, String component) {
        Map<String, String> labels = selector(tenant);
        labels.put("app.kubernetes.io/component", component);
        labels.put("app.kubernetes.io/part-of", "trust-fabric");
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put(TENANT_LABEL, tenant.getMetadata().getName());
        return labels;
    }
}
