package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PrivacyBudgetSpec {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the Tenant, in the same namespace, whose queries spend this budget.")
    private String tenantRef;

    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Id of the partner (from the tenant's PartnerAllowlist) this budget is for; omit for one budget shared by all partners of the tenant.")
    private String partnerRef;

    @Required
    @Pattern(ApiPatterns.DECIMAL_MICRO)
    @Size(max = 13)
    @ValidationRule(value = "self.matches('[1-9]')", message = "epsilonPerPeriod must be greater than 0")
    @JsonPropertyDescription("Privacy loss that may be spent per period, as a decimal string with at most 6 fractional digits (e.g. \"10.0\"); stored and spent as integer micro-epsilon.")
    private String epsilonPerPeriod;

    @Required
    @JsonPropertyDescription("What one query costs, by mode. A mode without a cost is refused under this budget.")
    private QueryCost cost;

    @Required
    @JsonPropertyDescription("When the budget resets: exactly one of calendar (with an optional timeZone) or every.")
    private BudgetPeriod period;

    @Size(max = 5)
    @ValidationRule(value = "self.all(t, self.exists_one(u, u == t))", message = "alertThresholds must not repeat a value")
    @JsonPropertyDescription("Percent (1 to 100) of the period's epsilon consumed at which the NearLimit condition turns True and an event is emitted, each value once, in any order (e.g. [50, 80, 95]); the operator sorts them.")
    private List<@Min(1) @Max(100) Integer> alertThresholds = new ArrayList<>();

    @Default("Reject")
    @JsonPropertyDescription("What happens when the budget is spent: Reject refuses further charged queries until the next period.")
    private ExhaustionAction onExhausted = ExhaustionAction.Reject;

    public String getTenantRef() { return tenantRef; }
    public void setTenantRef(String tenantRef) { this.tenantRef = tenantRef; }
    public String getPartnerRef() { return partnerRef; }
    public void setPartnerRef(String partnerRef) { this.partnerRef = partnerRef; }
    public String getEpsilonPerPeriod() { return epsilonPerPeriod; }
    public void setEpsilonPerPeriod(String epsilonPerPeriod) { this.epsilonPerPeriod = epsilonPerPeriod; }
    public QueryCost getCost() { return cost; }
    public void setCost(QueryCost cost) { this.cost = cost; }
    public BudgetPeriod getPeriod() { return period; }
    public void setPeriod(BudgetPeriod period) { this.period = period; }
    public List<Integer> getAlertThresholds() { return alertThresholds; }
    public void setAlertThresholds(List<Integer> alertThresholds) { this.alertThresholds = alertThresholds; }
    public ExhaustionAction getOnExhausted() { return onExhausted; }
    public void setOnExhausted(ExhaustionAction onExhausted) { this.onExhausted = onExhausted; }
}
