package io.trustfabric.operator.sla;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.TenantResourceNames;
import java.util.Map;

/**
 * Keeps a tenant's {@link IncidentBook} in the ConfigMap {@code <tenant>-sla-incidents} (key {@value #KEY}), owned by
 * the Tenant so it goes with it. Read back after an operator restart.
 */
public final class IncidentStore {

    public static final String SUFFIX = "-sla-incidents";
    public static final String KEY = "incidents.json";

    private final KubernetesClient client;

    public IncidentStore(KubernetesClient client) {
        this.client = client;
    }

    public static String name(Tenant tenant) {
        return tenant.getMetadata().getName() + SUFFIX;
    }

    /** The stored book; empty when there is none or it belonged to an earlier Tenant of that name. */
    public IncidentBook load(Tenant tenant) {
        ConfigMap map = client.configMaps().inNamespace(tenant.getMetadata().getNamespace()).withName(name(tenant))
                .get();
        boolean ours = map != null && map.getMetadata().getOwnerReferences() != null && map.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(tenant.getMetadata().getUid()));
        return IncidentBook.fromJson(tenant.getMetadata().getName(),
                ours && map.getData() != null ? map.getData().get(KEY) : null);
    }

    public void save(Tenant tenant, IncidentBook book) {
        ConfigMap desired = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(tenant))
                .withNamespace(tenant.getMetadata().getNamespace())
                .addToLabels("app.kubernetes.io/managed-by", TenantResourceNames.MANAGED_BY)
                .addToLabels("app.kubernetes.io/part-of", "trust-fabric")
                .withOwnerReferences(owner(tenant))
                .endMetadata()
                .withData(Map.of(KEY, book.toJson()))
                .build();
        var maps = client.configMaps().inNamespace(tenant.getMetadata().getNamespace());
        ConfigMap current = maps.withName(name(tenant)).get();
        if (current == null) {
            maps.resource(desired).create();
        } else {
            desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            maps.resource(desired).update();
        }
    }

    private static OwnerReference owner(Tenant tenant) {
        return new OwnerReferenceBuilder().withApiVersion(tenant.getApiVersion()).withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName()).withUid(tenant.getMetadata().getUid())
                .withController(false).withBlockOwnerDeletion(false).build();
    }
}
