package io.trustfabric.operator.pool;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.operator.OperatorSettings;
import io.trustfabric.operator.tenant.WorkerConfigRenderer;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared worker pools: a Tenant with {@code spec.workers.pool} other than "dedicated" is served by the
 * namespace's pool of that name. Any member's reconciliation renders the whole pool from its full membership; a
 * tenant that left a pool (changed its pool) re-renders the pool it left.
 */
public final class SharedPools {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPools.class);

    private final PoolMembership membership = new PoolMembership();
    private final PoolRenderer renderer;
    private final PoolApplier applier;

    public SharedPools(OperatorSettings settings, WorkerConfigRenderer config) {
        this.renderer = new PoolRenderer(settings, config);
        this.applier = new PoolApplier(settings.serverSideApply());
    }

    /** Brings the pool in line with its current members; deletes it when it has none. */
    public void reconcile(String namespace, String pool, Stream<Tenant> tenantsOfNamespace, KubernetesClient client) {
        List<PoolMember> members = membership.members(namespace, pool, tenantsOfNamespace, client);
        if (members.isEmpty()) {
            delete(namespace, pool, client);
            return;
        }
        for (HasMetadata object : renderer.render(namespace, pool, members)) {
            applier.apply(client, object);
        }
    }

    /** Re-renders every pool of the namespace the tenant still owns but no longer names. */
    public void leaveOtherPools(Tenant tenant, String currentPool, Supplier<Stream<Tenant>> tenantsOfNamespace,
                                KubernetesClient client) {
        String namespace = tenant.getMetadata().getNamespace();
        client.apps().deployments().inNamespace(namespace).withLabel("app.kubernetes.io/component", PoolNames.COMPONENT)
                .list().getItems().stream()
                .filter(d -> ownedBy(d, tenant))
                .map(d -> d.getMetadata().getLabels().get(PoolNames.POOL_LABEL))
                .filter(pool -> pool != null && !pool.equals(currentPool))
                .distinct()
                .forEach(pool -> {
                    LOG.info("Tenant {}/{} left shared pool {}; re-rendering it", namespace,
                            tenant.getMetadata().getName(), pool);
                    reconcile(namespace, pool, tenantsOfNamespace.get(), client);
                });
    }

    public Deployment deployment(String namespace, String pool, KubernetesClient client) {
        return client.apps().deployments().inNamespace(namespace).withName(PoolNames.workers(pool)).get();
    }

    private static void delete(String namespace, String pool, KubernetesClient client) {
        LOG.info("Shared pool {}/{} has no members left; deleting it", namespace, pool);
        client.apps().deployments().inNamespace(namespace).withName(PoolNames.workers(pool)).delete();
        client.services().inNamespace(namespace).withName(PoolNames.workers(pool)).delete();
        client.serviceAccounts().inNamespace(namespace).withName(PoolNames.workers(pool)).delete();
        client.configMaps().inNamespace(namespace).withName(PoolNames.config(pool)).delete();
    }

    private static boolean ownedBy(HasMetadata object, Tenant tenant) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Objects.equals(ref.getUid(), tenant.getMetadata().getUid()));
    }
}
