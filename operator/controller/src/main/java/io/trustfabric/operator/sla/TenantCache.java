package io.trustfabric.operator.sla;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.trustfabric.api.v1alpha1.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The Tenants the operator watches, from informers, so the sampler lists them without calling the API server. */
public final class TenantCache implements AutoCloseable {

    private final List<SharedIndexInformer<Tenant>> informers;

    private TenantCache(List<SharedIndexInformer<Tenant>> informers) {
        this.informers = informers;
    }

    public static TenantCache start(KubernetesClient client, Set<String> namespaces) {
        List<SharedIndexInformer<Tenant>> informers = new ArrayList<>();
        if (namespaces.isEmpty()) {
            informers.add(client.resources(Tenant.class).inAnyNamespace().inform());
        } else {
            namespaces.forEach(ns -> informers.add(client.resources(Tenant.class).inNamespace(ns).inform()));
        }
        return new TenantCache(informers);
    }

    public Optional<Tenant> get(String namespace, String name) {
        return informers.stream().map(i -> i.getStore().getByKey(namespace + "/" + name))
                .filter(java.util.Objects::nonNull).findFirst();
    }

    public List<Tenant> list() {
        return informers.stream().flatMap(i -> i.getStore().list().stream()).toList();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
