package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Epsilon charged per query, by mode, as decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.psi__dash__ca) || has(self.psi)", message = "cost must price at least one mode (psi-ca or psi)")
public class QueryCost {

    @JsonProperty("psi-ca")
    @Pattern(ApiPatterns.DECIMAL_MICRO)
    @Size(max = 13)
    @ValidationRule(value = "self.matches('[1-9]')", message = "a query cost must be greater than 0")
    @JsonPropertyDescription("Epsilon charged for one psi-ca (cardinality) query, e.g. \"0.1\".")
    private String psiCa;

    @Pattern(ApiPatterns.DECIMAL_MICRO)
    @Size(max = 13)
    @ValidationRule(value = "self.matches('[1-9]')", message = "a query cost must be greater than 0")
    @JsonPropertyDescription("Epsilon charged for one psi (items) query, e.g. \"1.0\".")
    private String psi;

    @Pattern(ApiPatterns.DECIMAL_MICRO)
    @Size(max = 13)
    @JsonPropertyDescription("Epsilon charged in addition for each element of the partner's client set (e.g. \"0.000001\"); omit for a flat cost per query.")
    private String perElement;

    public QueryCost() {
    }

    public QueryCost(String psiCa, String psi) {
        this.psiCa = psiCa;
        this.psi = psi;
    }

    public String getPsiCa() { return psiCa; }
    public void setPsiCa(String psiCa) { this.psiCa = psiCa; }
    public String getPsi() { return psi; }
    public void setPsi(String psi) { this.psi = psi; }
    public String getPerElement() { return perElement; }
    public void setPerElement(String perElement) { this.perElement = perElement; }
}
