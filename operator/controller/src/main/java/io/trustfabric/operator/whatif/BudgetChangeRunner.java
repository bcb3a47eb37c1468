package io.trustfabric.operator.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.trustfabric.api.v1alpha1.BudgetChange;
import io.trustfabric.api.v1alpha1.BudgetReplaySummary;
import io.trustfabric.api.v1alpha1.MicroEpsilon;
import io.trustfabric.api.v1alpha1.PrivacyBudget;
import io.trustfabric.api.v1alpha1.PrivacyBudgetSpec;
import io.trustfabric.api.v1alpha1.ScenarioSide;
import io.trustfabric.api.v1alpha1.ScenarioSummary;
import io.trustfabric.api.v1alpha1.ScenarioTemplate;
import io.trustfabric.operator.budget.BudgetCosts;
import io.trustfabric.operator.budget.BudgetResolver;
import io.trustfabric.operator.policy.decisions.DecisionLog;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * budget-change: the recorded charges of one PrivacyBudget (the window's allowed decisions of the partners that draw
 * on it, resolved as {@link BudgetResolver} does) replayed through the ledger with the current spec and with the
 * candidate's epsilonPerPeriod and/or cost overlaid.
 */
public final class BudgetChangeRunner implements ScenarioRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionLog decisions;
    private final KubernetesClient client;

    public BudgetChangeRunner(DecisionLog decisions, KubernetesClient client) {
        this.decisions = decisions;
        this.client = client;
    }

    @Override
    public ScenarioTemplate template() {
        return ScenarioTemplate.BUDGET_CHANGE;
    }

    @Override
    public void check(ScenarioRequest request) throws ScenarioFailure {
        budget(request);
    }

    @Override
    public ScenarioResult run(ScenarioRequest request, ScenarioProgress progress) throws ScenarioFailure {
        PrivacyBudget budget = budget(request);
        BudgetChange change = request.scenario().getSpec().getBudgetChange();
        PrivacyBudgetSpec current = budget.getSpec();
        PrivacyBudgetSpec candidate = JSON.convertValue(current, PrivacyBudgetSpec.class);
        if (change.getEpsilonPerPeriod() != null) {
            candidate.setEpsilonPerPeriod(change.getEpsilonPerPeriod());
        }
        if (change.getCost() != null) {
            candidate.setCost(change.getCost());
        }
        List<PrivacyBudget> ofTenant = client.resources(PrivacyBudget.class).inNamespace(request.namespace()).list()
                .getItems().stream().filter(b -> b.getSpec() != null
                        && request.tenantName().equals(b.getSpec().getTenantRef())).toList();
        String name = budget.getMetadata().getName();
        List<RecordedCharge> charges = new ArrayList<>();
        for (DecisionRecord record : RecordedTraffic.of(decisions, request)) {
            if (Boolean.TRUE.equals(record.outcome().allow())) {
                List<PrivacyBudget> applicable = BudgetResolver.applicable(ofTenant, RecordedCharge.partner(record));
                if (applicable.size() == 1 && applicable.get(0).getMetadata().getName().equals(name)) {
                    charges.add(RecordedCharge.of(record));
                }
            }
        }
        if (charges.isEmpty()) {
            throw new ScenarioFailure("NoRecordedTraffic", "None of the recorded decisions of Tenant '"
                    + request.tenantName() + "' in the window is an allowed query drawing on PrivacyBudget '" + name
                    + "'; nothing to replay.");
        }
        Instant created = budget.getMetadata().getCreationTimestamp() == null ? charges.get(0).at()
                : Instant.parse(budget.getMetadata().getCreationTimestamp());
        BudgetComparison comparison = BudgetComparison.replay(side(current, created, "current"),
                side(candidate, created, "candidate"), charges, progress);
        ScenarioSummary summary = comparison.summary(name);
        return new ScenarioResult(summary, scenarioSide(current), scenarioSide(candidate),
                ScenarioDigests.traffic(charges.stream().map(RecordedCharge::decisionId).toList()),
                comparison.tables(), List.of("Each recorded charge is an allowed query of the window by a partner that"
                        + " draws on PrivacyBudget '" + name + "' today, charged at the time OPA decided it. Both"
                        + " sides start the first replayed period with nothing consumed, and settings edited during"
                        + " the window are not replayed: the current spec stands for the whole window."));
    }

    private PrivacyBudget budget(ScenarioRequest request) throws ScenarioFailure {
        if (request.scenario().getSpec().getBudgetChange() == null
                || request.scenario().getSpec().getBudgetChange().getBudgetRef() == null) {
            throw new ScenarioFailure(ScenarioConditions.REASON_INVALID_SPEC, "Template budget-change needs spec.budgetChange.budgetRef.");
        }
        String name = request.scenario().getSpec().getBudgetChange().getBudgetRef();
        PrivacyBudget budget = client.resources(PrivacyBudget.class).inNamespace(request.namespace()).withName(name)
                .get();
        if (budget == null || budget.getSpec() == null) {
            throw new ScenarioFailure("BudgetNotFound", "PrivacyBudget '" + name + "' named in"
                    + " spec.budgetChange.budgetRef does not exist in namespace '" + request.namespace()
                    + "'; fix the name.");
        }
        if (!request.tenantName().equals(budget.getSpec().getTenantRef())) {
            throw new ScenarioFailure("BudgetOfOtherTenant", "PrivacyBudget '" + name + "' belongs to Tenant '"
                    + budget.getSpec().getTenantRef() + "', not to '" + request.tenantName() + "' (spec.tenantRef);"
                    + " name a budget of this tenant.");
        }
        return budget;
    }

    private static BudgetComparison.Side side(PrivacyBudgetSpec spec, Instant created, String which)
            throws ScenarioFailure {
        try {
            return new BudgetComparison.Side(MicroEpsilon.parse(spec.getEpsilonPerPeriod()),
                    BudgetCosts.of(spec.getCost()), spec.getPeriod(), created);
        } catch (IllegalArgumentException e) {
            throw new ScenarioFailure("InvalidBudget", "The " + which + " budget settings cannot be replayed: "
                    + e.getMessage());
        }
    }

    private static ScenarioSide scenarioSide(PrivacyBudgetSpec spec) {
        ScenarioSide side = new ScenarioSide();
        side.setEpsilonPerPeriod(spec.getEpsilonPerPeriod());
        side.setBudgetSpecDigest(ScenarioDigests.canonical(spec));
        side.setCosts(costs(spec));
        return side;
    }

    static String costs(PrivacyBudgetSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.getCost() != null) {
            Optional.ofNullable(spec.getCost().getPsiCa()).ifPresent(c -> parts.add("psi-ca=" + c));
            Optional.ofNullable(spec.getCost().getPsi()).ifPresent(c -> parts.add("psi=" + c));
            Optional.ofNullable(spec.getCost().getPerElement()).ifPresent(c -> parts.add("perElement=" + c));
        }
        return String.join(",", parts);
    }
}
