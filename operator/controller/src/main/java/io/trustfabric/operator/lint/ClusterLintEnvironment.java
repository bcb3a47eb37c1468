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

/**
 * The linter's view of a live cluster, read from the API server on each use (the admission webhook runs on every
 * replica, leader or not, so it cannot rely on the leader's reconciler state).
 */
public final class ClusterLintEnvironment implements LintEnvironment {

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration dryrunMaxAge;
    private final MacroLookup accepted;
    private volatile MacroSnapshot snapshot;

    public ClusterLintEnvironment(KubernetesClient client, Clock clock, Duration dryrunMaxAge) {
        this(client, clock, dryrunMaxAge, null);
    }

    /**
     * As the reconciler lints: with the macros its operator accepted (what the compiled bundle will hold), instead of
     * the PolicyMacro objects' status.
     */
    public ClusterLintEnvironment(KubernetesClient client, Clock clock, Duration dryrunMaxAge, MacroLookup accepted) {
        this.client = client;
        this.clock = clock;
        this.dryrunMaxAge = dryrunMaxAge;
        this.accepted = accepted;
    }

    /** A fresh view: macros are listed once per view, so one lint sees one consistent catalog. */
    public ClusterLintEnvironment refreshed() {
        ClusterLintEnvironment fresh = new ClusterLintEnvironment(client, clock, dryrunMaxAge, accepted);
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
        return accepted != null ? accepted : snapshot();
    }

    @Override
    public boolean knowsTenants(String namespace) {
        return true;
    }

    @Override
    public Optional<Tenant> tenant(String namespace, String name) {
        return Optional.ofNullable(client.resources(Tenant.class).inNamespace(namespace).withName(name).get());
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
