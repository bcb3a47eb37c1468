package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(self.template == 'policy-tweak') == has(self.policyTweak)",
        message = "set policyTweak exactly when template is policy-tweak")
@ValidationRule(value = "(self.template == 'budget-change') == has(self.budgetChange)",
        message = "set budgetChange exactly when template is budget-change")
@ValidationRule(value = "(self.template == 'worker-pin') == has(self.workerPin)",
        message = "set workerPin exactly when template is worker-pin")
@ValidationRule(value = "(self.template == 'seed-change') == has(self.seedChange)",
        message = "set seedChange exactly when template is seed-change")
@ValidationRule(value = "!has(self.golden) || self.template == 'worker-pin' || self.template == 'seed-change'",
        message = "golden applies to the worker-pin and seed-change templates only")
public class WhatIfScenarioSpec {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the Tenant, in the same namespace, whose recorded traffic is replayed.")
    private String tenantRef;

    @Required
    @JsonPropertyDescription("Kind of candidate change: policy-tweak (policyTweak), budget-change (budgetChange), worker-pin (workerPin) or seed-change (seedChange).")
    private ScenarioTemplate template;

    @Default("24h")
    @Pattern(ApiPatterns.DURATION)
    @Size(max = 32)
    @ValidationRule(value = "self.matches('[1-9]')", message = "window must be longer than 0")
    @JsonPropertyDescription("How much recorded traffic to replay, ending now, as a duration (e.g. 24h).")
    private String window = "24h";

    @JsonPropertyDescription("Candidate for template policy-tweak: rules that replace the same-named rules of the tenant's TrustPolicy (new names are added).")
    private PolicyTweak policyTweak;

    @JsonPropertyDescription("Candidate for template budget-change: new settings for one PrivacyBudget.")
    private BudgetChange budgetChange;

    @JsonPropertyDescription("Candidate for template worker-pin: a worker image and/or worker settings started next to the current workers; golden queries go to both.")
    private WorkerPin workerPin;

    @JsonPropertyDescription("Candidate for template seed-change: a new key seed and/or data set revision, compared with the current one on golden queries.")
    private SeedChange seedChange;

    @JsonPropertyDescription("Golden queries for worker-pin and seed-change (recorded traffic keeps no items, so these templates query with a generated set). Defaults apply when omitted.")
    private GoldenSet golden;

    public String getTenantRef() { return tenantRef; }
    public void setTenantRef(String tenantRef) { this.tenantRef = tenantRef; }
    public ScenarioTemplate getTemplate() { return template; }
    public void setTemplate(ScenarioTemplate template) { this.template = template; }
    public String getWindow() { return window; }
    public void setWindow(String window) { this.window = window; }
    public PolicyTweak getPolicyTweak() { return policyTweak; }
    public void setPolicyTweak(PolicyTweak policyTweak) { this.policyTweak = policyTweak; }
    public BudgetChange getBudgetChange() { return budgetChange; }
    public void setBudgetChange(BudgetChange budgetChange) { this.budgetChange = budgetChange; }
    public SeedChange getSeedChange() { return seedChange; }
    public void setSeedChange(SeedChange seedChange) { this.seedChange = seedChange; }
    public GoldenSet getGolden() { return golden; }
    public void setGolden(GoldenSet golden) { this.golden = golden; }
    public WorkerPin getWorkerPin() { return workerPin; }
    public void setWorkerPin(WorkerPin workerPin) { this.workerPin = workerPin; }
}
