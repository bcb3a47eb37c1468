package io.trustfabric.operator.whatif;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.WorkerPin;
import io.trustfabric.operator.tenant.WorkerEndpoints;
import io.trustfabric.operator.whatif.golden.ComparisonRule;
import io.trustfabric.operator.whatif.shadow.ShadowCandidate;
import io.trustfabric.operator.whatif.shadow.ShadowReplay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * worker-pin: the tenant's current worker and a candidate image and/or TF_* settings, started side by side as a
 * shadow pair, answer the same golden queries; are the answers identical, and how fast is each side?
 * (docs/what-if-shadow-runs.md)
 */
public final class WorkerPinRunner implements ScenarioRunner {

    /**
     * Settings the shadow itself decides: where it listens, who it is, what it reads, whom it serves and that it is
     * charged to nobody. A candidate that set one could point the shadow at the control API (and its budgets), at
     * another allowlist or at other data, so such a scenario is refused.
     */
    static final Set<String> SHADOW_OWNED_SETTINGS = Set.of("TF_WORKER_CONFIG", "TF_HTTP_HOST", "TF_HTTP_PORT",
            "TF_TENANT_NAMESPACE", "TF_TENANT_NAME", "TF_LIMITED_GA", "TF_DATASET_PATH", "TF_KEY_SEED_PATH",
            "TF_CONTROL_URL", "TF_CONTROL_TOKEN_PATH", "TF_PARTNER_POLL_MILLIS", "TF_PARTNERS_PATH",
            "TF_BUDGET_ENFORCE", "TF_RECEIPT_KEY_PATH", "TF_RECEIPT_KEY_ID", "TF_RECEIPT_LOG_PATH", "TF_OPA_URL",
            "TF_POLICY_TIMEOUT_MILLIS", "TF_TLS_CERT_PATH", "TF_TLS_KEY_PATH", "TF_TLS_CLIENT_CA_PATH", "TF_POD_NAME");

    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(5);
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final ShadowReplay replay;

    public WorkerPinRunner(KubernetesClient client, WorkerEndpoints endpoints, String defaultWorkerImage) {
        this(client, endpoints, defaultWorkerImage, DEFAULT_READY_TIMEOUT);
    }

    /** @param readyTimeout how long both shadow workers may take to become ready */
    public WorkerPinRunner(KubernetesClient client, WorkerEndpoints endpoints, String defaultWorkerImage,
                           Duration readyTimeout) {
        this.replay = new ShadowReplay(client, endpoints, defaultWorkerImage, readyTimeout, QUERY_TIMEOUT);
    }

    @Override
    public ScenarioTemplate template() {
        return ScenarioTemplate.WORKER_PIN;
    }

    @Override
    public ScenarioResult run(ScenarioRequest request, ScenarioProgress progress) throws ScenarioFailure {
        WorkerPin pin = request.scenario().getSpec().getWorkerPin();
        if (pin == null) {
            throw new ScenarioFailure("InvalidScenario", "template worker-pin needs spec.workerPin");
        }
        Map<String, String> env = pin.getEnv() == null ? Map.of() : pin.getEnv();
        List<String> owned = env.keySet().stream().filter(SHADOW_OWNED_SETTINGS::contains).sorted().toList();
        if (!owned.isEmpty()) {
            throw new ScenarioFailure("SettingNotComparable", "workerPin.env sets " + String.join(", ", owned)
                    + ", which the shadow workers decide themselves (identity, files, listener, allowlist, budgets, "
                    + "policy engine); remove " + (owned.size() == 1 ? "it" : "them"));
        }
        return replay.run(request, progress, new ShadowCandidate(pin.getImage(), env, null, false, null,
                ComparisonRule.ANSWERS_AND_RESULTS));
    }
}
