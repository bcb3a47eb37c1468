package io.trustfabric.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.allowlist.AllowlistIndex;
import io.trustfabric.operator.pool.PoolNames;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What besides its dependents makes a Tenant reconcile: its PartnerAllowlists and PrivacyBudgets, the Secrets they name (a rotated
 * API key re-renders the allowlist), and the shared pool Deployment it is a member of (readiness, and the garbage
 * collector removing a deleted member's owner reference, which makes the remaining members re-render the pool).
 */
final class TenantEventSources {

    static final String ALLOWLISTS = "tenant-allowlists";
    static final String CREDENTIALS = "tenant-credential-secrets";
    static final String POOLS = "tenant-pools";
    static final String POLICIES = "tenant-policies";
    static final String BUDGETS = "tenant-budgets";

    private TenantEventSources() {
    }

    /**
     * TrustPolicies, status changes included (PolicyReady mirrors the policy's Ready): a change re-runs every Tenant
     * of the namespace, so a tenantRef moved away also reaches the tenant it left.
     */
    static InformerEventSource<TrustPolicy, Tenant> policies(EventSourceContext<Tenant> context) {
        IndexerResourceCache<Tenant> tenants = context.getPrimaryCache();
        var config = InformerEventSourceConfiguration.from(TrustPolicy.class, Tenant.class)
                .withName(POLICIES)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(policy -> {
                    Set<ResourceID> ids = tenants.list(policy.getMetadata().getNamespace())
                            .map(ResourceID::fromResource).collect(Collectors.toCollection(HashSet::new));
                    if (policy.getSpec() != null && policy.getSpec().getTenantRef() != null) {
                        ids.add(new ResourceID(policy.getSpec().getTenantRef(), policy.getMetadata().getNamespace()));
                    }
                    return ids;
                })
                .build();
        return new InformerEventSource<>(config, context);
    }

    static List<EventSource<?, Tenant>> of(EventSourceContext<Tenant> context) {
        // A changed allowlist re-runs every Tenant of its namespace: when spec.tenantRef moves from one tenant to
        // another, the event carries only the new value, and the old tenant must stop serving those partners.
        // Status-only updates (same generation) re-run nothing.
        IndexerResourceCache<Tenant> tenants = context.getPrimaryCache();
        var allowlistConfig = InformerEventSourceConfiguration.from(PartnerAllowlist.class, Tenant.class)
                .withName(ALLOWLISTS)
                .withNamespacesInheritedFromController()
                .withOnUpdateFilter((before, after) -> !Objects.equals(before.getMetadata().getGeneration(),
                        after.getMetadata().getGeneration()))
                .withSecondaryToPrimaryMapper(allowlist -> {
                    Set<ResourceID> ids = tenants.list(allowlist.getMetadata().getNamespace())
                            .map(ResourceID::fromResource).collect(Collectors.toCollection(HashSet::new));
                    if (allowlist.getSpec() != null && allowlist.getSpec().getTenantRef() != null) {
                        ids.add(new ResourceID(allowlist.getSpec().getTenantRef(),
                                allowlist.getMetadata().getNamespace()));
                    }
                    return ids;
                })
                .build();
        InformerEventSource<PartnerAllowlist, Tenant> allowlists = new InformerEventSource<>(allowlistConfig, context);
        var credentialConfig = InformerEventSourceConfiguration.from(Secret.class, Tenant.class)
                .withName(CREDENTIALS)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(secret -> allowlists.list(secret.getMetadata().getNamespace())
                        .filter(a -> AllowlistIndex.references(a, secret))
                        .filter(a -> a.getSpec().getTenantRef() != null)
                        .map(a -> new ResourceID(a.getSpec().getTenantRef(), a.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
                .build();
        var poolConfig = InformerEventSourceConfiguration.from(Deployment.class, Tenant.class)
                .withName(POOLS)
                .withNamespacesInheritedFromController()
                .withLabelSelector(PoolNames.POOL_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Tenant.class))
                .build();
        // A budget's spec change is a revision change of its tenant (status.revisions.budget); its status is not.
        var budgetConfig = InformerEventSourceConfiguration.from(PrivacyBudget.class, Tenant.class)
                .withName(BUDGETS)
                .withNamespacesInheritedFromController()
                .withOnUpdateFilter((before, after) -> !Objects.equals(before.getMetadata().getGeneration(),
                        after.getMetadata().getGeneration()))
                .withSecondaryToPrimaryMapper(budget -> budget.getSpec() == null
                        || budget.getSpec().getTenantRef() == null ? Set.of()
                        : Set.of(new ResourceID(budget.getSpec().getTenantRef(), budget.getMetadata().getNamespace())))
                .build();
        return List.of(allowlists, new InformerEventSource<>(credentialConfig, context),
                new InformerEventSource<>(poolConfig, context), new InformerEventSource<>(budgetConfig, context));
    }
}
