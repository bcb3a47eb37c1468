package io.trustfabric.operator.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.api.v1alpha1.TrustPolicySpec;
import io.trustfabric.operator.policy.MacroLookup;
import io.trustfabric.operator.policy.PolicyPublisher;
import io.trustfabric.operator.policy.TenantPolicyCompiler;
import io.trustfabric.operator.policy.TrustPolicyReconciler;
import io.trustfabric.operator.policy.bundle.BundleContent;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import io.trustfabric.operator.policy.timeline.DecisionReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * policy-tweak: the scenario's rules overlaid by name on the tenant's TrustPolicy, compiled as the TrustPolicy
 * reconciler compiles ({@link TenantPolicyCompiler}), and every recorded decision of the window decided again by the
 * operator's OPA ({@link DecisionReplay}) and compared with the recorded outcome.
 */
public final class PolicyTweakRunner implements ScenarioRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionLog decisions;
    private final DecisionReplay replay;
    private final String noReplay;
    private final MacroLookup macros;
    private final PolicyPublisher publisher;
    private final KubernetesClient client;
    private final TenantPolicyCompiler compiler = new TenantPolicyCompiler();

    /**
     * @param replay   the operator's OPA replay; null when the operator has none
     * @param noReplay why there is no replay (the Failed message)
     */
    public PolicyTweakRunner(DecisionLog decisions, DecisionReplay replay, String noReplay, MacroLookup macros,
                             PolicyPublisher publisher, KubernetesClient client) {
        this.decisions = decisions;
        this.replay = replay;
        this.noReplay = noReplay;
        this.macros = macros;
        this.publisher = publisher;
        this.client = client;
    }

    @Override
    public ScenarioTemplate template() {
        return ScenarioTemplate.POLICY_TWEAK;
    }

    @Override
    public void check(ScenarioRequest request) throws ScenarioFailure {
        if (request.scenario().getSpec().getPolicyTweak() == null
                || request.scenario().getSpec().getPolicyTweak().getRules() == null) {
            throw new ScenarioFailure(ScenarioConditions.REASON_INVALID_SPEC, "Template policy-tweak needs spec.policyTweak.rules.");
        }
        if (replay == null) {
            throw new ScenarioFailure("OpaUnavailable", "policy-tweak needs the operator's own OPA to decide recorded"
                    + " decisions again, and " + noReplay + ". Set TF_OPA_URL (the chart does).");
        }
        candidate(request, governing(request));
    }

    @Override
    public ScenarioResult run(ScenarioRequest request, ScenarioProgress progress) throws ScenarioFailure {
        check(request);
        Optional<TrustPolicy> current = governing(request);
        Candidate candidate = candidate(request, current);
        List<DecisionRecord> records = RecordedTraffic.of(decisions, request);
        progress.total(records.size());
        PolicyDiff diff = new PolicyDiff();
        long[] seen = {0};
        DecisionReplay.Pass pass;
        try {
            pass = replay.redecide(request.tenantName(), candidate.document(), records, decided -> {
                diff.add(decided);
                if (++seen[0] % DecisionReplay.BATCH == 0) {
                    progress.replayed(seen[0]);
                }
            }, progress::cancelled);
        } catch (DecisionReplay.ReplayFailed e) {
            throw new ScenarioFailure("OpaUnavailable", "The operator's OPA could not decide the recorded decisions"
                    + " again: " + e.getMessage());
        }
        if (pass.cancelled()) {
            throw ScenarioFailure.cancelled();
        }
        progress.replayed(records.size());
        List<String> notes = new ArrayList<>();
        notes.add("Baseline: the outcome each decision had when the workers' OPA decided it"
                + current.map(p -> " (TrustPolicy " + p.getMetadata().getName() + " and any earlier revisions in force"
                + " then)").orElse(" (no TrustPolicy governed the tenant: the default policy)") + ". Candidate: "
                + candidate.describe() + ", decided by the operator's OPA with the macros it accepts now.");
        if (pass.withoutOutcome() > 0) {
            notes.add(pass.withoutOutcome() + " recorded decisions had no outcome (OPA failed then) and were not"
                    + " replayed.");
        }
        if (pass.notReplayed() > 0) {
            notes.add(pass.notReplayed() + " recorded decisions were not decided again (the replay reached its"
                    + " deadline, or OPA stopped answering); the counts cover the others.");
        }
        ScenarioSide baseline = new ScenarioSide();
        current.ifPresent(p -> {
            if (p.getStatus() != null) {
                baseline.setPolicyRevision(p.getStatus().getRevision());
                baseline.setBundleDigest(p.getStatus().getBundle() == null ? null : p.getStatus().getBundle().getDigest());
            }
        });
        ScenarioSide candidateSide = new ScenarioSide();
        candidateSide.setPolicyRevision(candidate.revision());
        candidateSide.setBundleDigest(publisher.tenantDigest(request.namespace(), request.tenantName(),
                candidate.revision(), candidate.document()));
        return new ScenarioResult(diff.summary(), baseline, candidateSide, ScenarioDigests.traffic(records.stream()
                .filter(r -> r.outcome().allow() != null).map(DecisionRecord::decisionId).toList()), diff.tables(),
                notes);
    }

    private Optional<TrustPolicy> governing(ScenarioRequest request) {
        return TrustPolicyReconciler.governing(client.resources(TrustPolicy.class).inNamespace(request.namespace())
                .list().getItems().stream(), request.tenantName());
    }

    /** The candidate TrustPolicy compiled into the tenant document OPA decides with. */
    private record Candidate(ObjectNode document, long revision, String policyName, int replaced, int added) {
        String describe() {
            return "TrustPolicy " + policyName + " with " + replaced + " rule(s) replaced and " + added + " added";
        }
    }

    private Candidate candidate(ScenarioRequest request, Optional<TrustPolicy> current) throws ScenarioFailure {
        List<PolicyRule> rules = new ArrayList<>(current.map(p -> p.getSpec().getRules()).orElse(List.of()));
        int replaced = 0;
        int added = 0;
        for (PolicyRule tweak : request.scenario().getSpec().getPolicyTweak().getRules()) {
            PolicyRule copy = JSON.convertValue(tweak, PolicyRule.class);
            int at = indexOf(rules, tweak.getName());
            if (at >= 0) {
                rules.set(at, copy);
                replaced++;
            } else {
                rules.add(copy);
                added++;
            }
        }
        String name = current.map(p -> p.getMetadata().getName()).orElse(request.scenario().getMetadata().getName());
        TrustPolicy policy = new TrustPolicy();
        policy.setMetadata(new ObjectMetaBuilder().withNamespace(request.namespace()).withName(name).build());
        TrustPolicySpec spec = new TrustPolicySpec();
        spec.setTenantRef(request.tenantName());
        spec.setRules(rules);
        policy.setSpec(spec);
        TenantPolicyCompiler.Compiled compiled = compiler.compile(policy, macros);
        if (!compiled.ok()) {
            PolicyFinding first = compiled.findings().stream()
                    .filter(f -> f.getSeverity() == FindingSeverity.error).findFirst()
                    .orElse(compiled.findings().isEmpty() ? null : compiled.findings().get(0));
            throw new ScenarioFailure("CandidateNotCompiled", "The candidate policy (the TrustPolicy's rules with"
                    + " spec.policyTweak.rules overlaid) does not compile" + (first == null ? "" : ": "
                    + first.getPath().replace("spec.rules", "rules") + ": " + first.getMessage() + " ["
                    + first.getCode() + "]" + (first.getFix() == null ? "" : " (fix: " + first.getFix() + ")"))
                    + ". Fix spec.policyTweak.rules.");
        }
        long revision = current.map(p -> p.getStatus() == null || p.getStatus().getRevision() == null ? 0L
                : p.getStatus().getRevision()).orElse(0L) + 1;
        String policyName = request.namespace() + "/" + name;
        return new Candidate(BundleContent.tenantDocument(policyName, revision, false, compiled.rules()), revision,
                policyName, replaced, added);
    }

    private static int indexOf(List<PolicyRule> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).getName() != null && rules.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
