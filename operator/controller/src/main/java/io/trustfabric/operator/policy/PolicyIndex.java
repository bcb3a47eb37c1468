package io.trustfabric.operator.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.reading.UnreadableObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which tenants a TrustPolicy governs, from an informer cache, so the bundle service can refuse the default bundle
 * to a governed tenant whose own bundle is not compiled yet (after an operator restart) without calling the API
 * server on every OPA poll.
 */
public final class PolicyIndex implements AutoCloseable {

    private final List<SharedIndexInformer<TrustPolicy>> informers;
    private final KubernetesClient client;

    private PolicyIndex(List<SharedIndexInformer<TrustPolicy>> informers, KubernetesClient client) {
        this.informers = informers;
        this.client = client;
    }

    /** Starts the informers and waits until they have listed what exists. */
    public static PolicyIndex start(KubernetesClient client, Set<String> namespaces) {
        List<SharedIndexInformer<TrustPolicy>> informers = new ArrayList<>();
        if (namespaces.isEmpty()) {
            informers.add(client.resources(TrustPolicy.class).inAnyNamespace().inform());
        } else {
            namespaces.forEach(ns -> informers.add(client.resources(TrustPolicy.class).inNamespace(ns).inform()));
        }
        return new PolicyIndex(informers, client);
    }

    /**
     * Whether a TrustPolicy governs the tenant. A policy the operator could not read whole still counts when its
     * tenantRef was read: its tenant then gets no bundle at all rather than the more permissive default one.
     */
    public boolean governed(String namespace, String tenant) {
        return informers.stream().flatMap(i -> i.getStore().list().stream())
                .anyMatch(p -> namespace.equals(p.getMetadata().getNamespace())
                        && TrustPolicyReconciler.governs(p, tenant) && p.getMetadata().getDeletionTimestamp() == null);
    }

    /**
     * The TrustPolicies (namespace/name) whose rules use this macro version; one the operator could not read whole is
     * left out (its rules are not known).
     */
    public java.util.List<String> usedBy(MacroRef ref) {
        return informers.stream().flatMap(i -> i.getStore().list().stream())
                .filter(p -> UnreadableObjects.readable(p, client))
                .filter(p -> p.getSpec() != null && p.getSpec().getRules() != null && p.getSpec().getRules().stream()
                        .anyMatch(r -> ref.toString().equals(r.getMacro())))
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
                .sorted().toList();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
