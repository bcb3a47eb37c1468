package io.trustfabric.operator.control;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.trustfabric.operator.allowlist.PartnersDocument;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.dependent.PartnersConfigMapDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The effective allowlists the Tenant workflow rendered (ConfigMaps {@code <tenant>-psi-partners}), read from an
 * informer cache so a worker's poll never reaches the API server. The control API serves exactly these bytes,
 * so the mounted copy and the served copy cannot differ.
 */
public final class PartnerDocuments implements AutoCloseable {

    private final List<SharedIndexInformer<ConfigMap>> informers;

    private PartnerDocuments(List<SharedIndexInformer<ConfigMap>> informers) {
        this.informers = informers;
    }

    public static PartnerDocuments start(KubernetesClient client, Set<String> namespaces) {
        List<SharedIndexInformer<ConfigMap>> informers = new ArrayList<>();
        if (namespaces.isEmpty()) {
            informers.add(client.configMaps().inAnyNamespace()
                    .withLabel("app.kubernetes.io/component", PartnersConfigMapDependent.COMPONENT).inform());
        } else {
            for (String namespace : namespaces) {
                informers.add(client.configMaps().inNamespace(namespace)
                        .withLabel("app.kubernetes.io/component", PartnersConfigMapDependent.COMPONENT).inform());
            }
        }
        return new PartnerDocuments(informers);
    }

    /** The document and its revision, if the tenant has one. */
    public Optional<Rendered> find(String namespace, String tenant) {
        String key = Cache.namespaceKeyFunc(namespace, TenantResourceNames.partners(tenant));
        for (SharedIndexInformer<ConfigMap> informer : informers) {
            ConfigMap map = informer.getStore().getByKey(key);
            if (map != null && map.getData() != null && map.getData().get(PartnersDocument.KEY) != null) {
                String revision = map.getMetadata().getAnnotations() == null ? null
                        : map.getMetadata().getAnnotations().get(PartnersConfigMapDependent.REVISION_ANNOTATION);
                return Optional.of(new Rendered(map.getData().get(PartnersDocument.KEY), revision));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }

    /** The rendered document and its revision (the ETag). */
    public record Rendered(String json, String revision) {
    }
}
