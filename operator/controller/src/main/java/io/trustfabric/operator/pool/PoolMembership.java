package io.trustfabric.operator.pool;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.tenant.DatasetObservation;
import io.trustfabric.operator.tenant.TenantObserver;
import io.trustfabric.operator.tenant.TenantResourceNames;
import io.trustfabric.operator.tenant.TenantValidator;
import io.trustfabric.operator.tenant.WorkerPlan;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who a pool serves: every Tenant of the namespace that names the pool, is not being deleted and passes
 * validation, sorted by name. Computed from the full membership, so whichever member reconciles renders the same
 * pool.
 */
public final class PoolMembership {

    private final TenantObserver observer = new TenantObserver();
    private final TenantValidator validator = new TenantValidator();

    public List<PoolMember> members(String namespace, String pool, Stream<Tenant> tenantsOfNamespace,
                                    KubernetesClient client) {
        return tenantsOfNamespace
                .filter(t -> namespace.equals(t.getMetadata().getNamespace()))
                .filter(t -> pool.equals(WorkerPlan.pool(t)))
                .filter(t -> t.getMetadata().getDeletionTimestamp() == null)
                .map(t -> member(t, client))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(PoolMember::name))
                .toList();
    }

    private Optional<PoolMember> member(Tenant tenant, KubernetesClient client) {
        DatasetObservation dataset = observer.observe(tenant, client, Optional.empty()).dataset();
        if (validator.validate(tenant, dataset).isPresent()) {
            return Optional.empty();
        }
        Secret seed = client.secrets().inNamespace(tenant.getMetadata().getNamespace())
                .withName(TenantResourceNames.keySeed(tenant)).get();
        return Optional.of(new PoolMember(tenant, dataset, seed == null ? "" : seed.getMetadata().getUid()));
    }
}
