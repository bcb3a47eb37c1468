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
public class WhatIfScenarioSpec {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the Tenant, in the same namespace, whose recorded traffic is replayed.")
    private String tenantRef;

    @Required
    @JsonPropertyDescription("Kind of candidate change: policy-tweak (policyTweak), budget-change (budgetChange) or worker-pin (workerPin).")
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

    @JsonPropertyDescription("Candidate for template worker-pin: a worker image to replay the traffic against.")
    private WorkerPin workerPin;

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
    public WorkerPin getWorkerPin() { return workerPin; }
    public void setWorkerPin(WorkerPin workerPin) { this.workerPin = workerPin; }
}
