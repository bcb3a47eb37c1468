package io.trustfabric.operator.policy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.lint.ClusterLintEnvironment;
import io.trustfabric.operator.lint.LintMetrics;
import io.trustfabric.operator.lint.PolicyLinter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The reconciler's use of the linter: status.findings are what the webhook and tfctl lint say, plus the metrics. */
public final class PolicyLint {

    private final Clock clock;
    private final LintMetrics metrics;
    private final Duration dryrunMaxAge;

    public PolicyLint(Clock clock, LintMetrics metrics, Duration dryrunMaxAge) {
        this.clock = clock;
        this.metrics = metrics;
        this.dryrunMaxAge = dryrunMaxAge;
    }

    /** The policy's findings: its compilation's (against the accepted macros) and the linter's other checks. */
    List<PolicyFinding> lint(TrustPolicy policy, TenantPolicyCompiler.Compiled compiled, KubernetesClient client,
                             MacroLookup accepted) {
        List<PolicyFinding> findings = new PolicyLinter(new ClusterLintEnvironment(client, clock, dryrunMaxAge, accepted))
                .lint(policy, compiled);
        if (metrics != null) {
            metrics.standing("TrustPolicy", policy.getMetadata().getNamespace(), policy.getMetadata().getName(),
                    findings);
        }
        return findings;
    }

    void forget(TrustPolicy policy) {
        if (metrics != null) {
            metrics.forget("TrustPolicy", policy.getMetadata().getNamespace(), policy.getMetadata().getName());
        }
    }
}
