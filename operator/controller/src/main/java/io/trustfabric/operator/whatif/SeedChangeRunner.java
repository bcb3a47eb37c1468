package io.trustfabric.operator.whatif;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.SeedChange;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.whatif.golden.ComparisonRule;
import io.trustfabric.operator.whatif.shadow.ShadowCandidate;
import io.trustfabric.operator.whatif.shadow.ShadowReplay;
import java.time.Duration;
import java.util.Map;

/**
 * seed-change: the tenant's current worker and one with a candidate key seed and/or data set answer the same golden
 * queries; do partners get the same intersections, and what happens to the setup? (docs/what-if-shadow-runs.md)
 */
public final class SeedChangeRunner implements ScenarioRunner {

    private final ShadowReplay replay;

    public SeedChangeRunner(KubernetesClient client, WorkerEndpoints endpoints, String defaultWorkerImage) {
        this(client, endpoints, defaultWorkerImage, WorkerPinRunner.DEFAULT_READY_TIMEOUT);
    }

    /** @param readyTimeout how long both shadow workers may take to become ready */
    public SeedChangeRunner(KubernetesClient client, WorkerEndpoints endpoints, String defaultWorkerImage,
                            Duration readyTimeout) {
        this.replay = new ShadowReplay(client, endpoints, defaultWorkerImage, readyTimeout,
                WorkerPinRunner.QUERY_TIMEOUT);
    }

    @Override
    public ScenarioTemplate template() {
        return ScenarioTemplate.SEED_CHANGE;
    }

    @Override
    public ScenarioResult run(ScenarioRequest request, ScenarioProgress progress) throws ScenarioFailure {
        SeedChange change = request.scenario().getSpec().getSeedChange();
        if (change == null) {
            throw new ScenarioFailure("InvalidScenario", "template seed-change needs spec.seedChange");
        }
        boolean fresh = Boolean.TRUE.equals(change.getFreshKeySeed());
        if (fresh && change.getKeySeedSecretRef() != null) {
            throw new ScenarioFailure("InvalidScenario", "seedChange sets both keySeedSecretRef and freshKeySeed");
        }
        return replay.run(request, progress, new ShadowCandidate(null, Map.of(), change.getKeySeedSecretRef(), fresh,
                change.getDataset(), ComparisonRule.RESULTS_ONLY));
    }
}
