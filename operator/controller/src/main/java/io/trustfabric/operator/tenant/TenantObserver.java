package io.trustfabric.operator.tenant;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.DatasetSource;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustFabric;
import io.trustfabric.operator.causal.RevisionSets;
import io.trustfabric.operator.tenant.DatasetObservation.Source;
import io.trustfabric.operator.tenant.DatasetObservation.State;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the state a Tenant's reconciliation depends on. Never writes. */
public final class TenantObserver {

    public TenantObservation observe(Tenant tenant, KubernetesClient client, Optional<Deployment> workers) {
        return new TenantObservation(isPaused(tenant), observeDataset(tenant, client), workers);
    }

    public static boolean isPaused(Tenant tenant) {
        Map<String, String> annotations = tenant.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(TrustFabric.PAUSED_ANNOTATION));
    }

    private DatasetObservation observeDataset(Tenant tenant, KubernetesClient client) {
        DatasetSource dataset = tenant.getSpec() == null ? null : tenant.getSpec().getDataset();
        return observeDataset(dataset, tenant.getMetadata().getNamespace(), client);
    }

    /** Where {@code dataset} points in {@code namespace} and whether that object and key exist (what-if shares it). */
    public static DatasetObservation observeDataset(DatasetSource dataset, String namespace, KubernetesClient client) {
        if (dataset == null || Stream.of(dataset.getSecretRef(), dataset.getConfigMapRef(), dataset.getInline())
                .filter(Objects::nonNull).count() != 1) {
            return DatasetObservation.notExactlyOneSource();
        }
        if (dataset.getInline() != null) {
            return DatasetObservation.inline(digest(dataset.getInline()));
        }
        if (dataset.getSecretRef() != null) {
            String name = dataset.getSecretRef().getName();
            String key = dataset.getSecretRef().getKey();
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            return new DatasetObservation(Source.SECRET, name, key,
                    secret == null ? State.OBJECT_MISSING : keyState(secret.getData(), secret.getStringData(), key),
                    secret == null ? null : digest(value(secret.getData(), secret.getStringData(), key)));
        }
        String name = dataset.getConfigMapRef().getName();
        String key = dataset.getConfigMapRef().getKey();
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
        return new DatasetObservation(Source.CONFIG_MAP, name, key,
                configMap == null ? State.OBJECT_MISSING : keyState(configMap.getData(), configMap.getBinaryData(), key),
                configMap == null ? null : digest(value(configMap.getData(), configMap.getBinaryData(), key)));
    }

    private static String value(Map<String, String> data, Map<String, String> otherData, String key) {
        String value = data == null ? null : data.get(key);
        return value != null || otherData == null ? value : otherData.get(key);
    }

    /** Over the value as stored (base64 in a Secret's data): it changes exactly when the items do. */
    private static String digest(String value) {
        return value == null ? null : "sha256:" + RevisionSets.sha256(value);
    }

    private static State keyState(Map<String, String> data, Map<String, String> otherData, String key) {
        boolean present = (data != null && data.containsKey(key)) || (otherData != null && otherData.containsKey(key));
        return present ? State.PRESENT : State.KEY_MISSING;
    }
}
