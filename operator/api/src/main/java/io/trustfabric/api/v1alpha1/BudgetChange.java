package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A candidate budget change: new epsilon and/or costs for one PrivacyBudget. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.epsilonPerPeriod) || has(self.cost)", message = "budgetChange must change epsilonPerPeriod or cost")
public class BudgetChange {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the PrivacyBudget, in the same namespace, to change.")
    private String budgetRef;

    @Pattern(ApiPatterns.DECIMAL_MICRO)
    @Size(max = 13)
    @ValidationRule(value = "self.matches('[1-9]')", message = "epsilonPerPeriod must be greater than 0")
    @JsonPropertyDescription("Candidate epsilon per period, as a decimal string; omit to keep the current one.")
    private String epsilonPerPeriod;

    @JsonPropertyDescription("Candidate cost per query by mode; omit to keep the current one.")
    private QueryCost cost;

    public String getBudgetRef() { return budgetRef; }
    public void setBudgetRef(String budgetRef) { this.budgetRef = budgetRef; }
    public String getEpsilonPerPeriod() { return epsilonPerPeriod; }
    public void setEpsilonPerPeriod(String epsilonPerPeriod) { this.epsilonPerPeriod = epsilonPerPeriod; }
    public QueryCost getCost() { return cost; }
    public void setCost(QueryCost cost) { this.cost = cost; }
}
