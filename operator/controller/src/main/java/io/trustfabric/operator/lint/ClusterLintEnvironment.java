package io.trustfabric.operator.lint;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.PolicyMacro;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.MacroLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The linter's view of a live cluster, read from the API server on each use (the admission webhook runs on every
 * replica, leader or not, so it cannot rely on the leader's reconciler state).
 */
public final class ClusterLintEnvironment implements LintEnvironment {

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration dryrunMaxAge;
    private volatile MacroSnapshot snapshot;

    public ClusterLintEnvironment(KubernetesClient client, Clock clock, Duration dryrunMaxAge) {
        this.client = client;
        this.clock = clock;
        this.dryrunMaxAge = dryrunMaxAge;
    }

    /** A fresh view: macros are listed once per view, so one lint sees one consistent catalog. */
    public ClusterLintEnvironment refreshed() {
        ClusterLintEnvironment fresh = new ClusterLintEnvironment(client, clock, dryrunMaxAge);
        fresh.snapshot = new MacroSnapshot(client.resources(PolicyMacro.class).list().getItems(), false);
        return fresh;
    }

    private MacroSnapshot snapshot() {
        if (snapshot == null) {
            snapshot = new MacroSnapshot(client.resources(PolicyMacro.class).list().getItems(), false);
        }
        return snapshot;
    }

    @Override
    public MacroLookup macros() {
        return snapshot();
    }

    @Override
    public Optional<MacroSnapshot.State> macroState(io.trustfabric.operator.policy.MacroRef ref) {
        return snapshot().state(ref);
    }

    @Override
    public Set<String> macroNames() {
        return snapshot().names();
    }

    @Override
    public Optional<Boolean> tenantExists(String namespace, String name) {
        return Optional.of(client.resources(Tenant.class).inNamespace(namespace).withName(name).get() != null);
    }

    @Override
    public List<TrustPolicy> policies(String namespace) {
        return client.resources(TrustPolicy.class).inNamespace(namespace).list().getItems();
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Duration dryrunMaxAge() {
        return dryrunMaxAge;
    }
}
