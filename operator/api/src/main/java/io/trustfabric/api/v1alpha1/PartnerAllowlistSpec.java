package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PartnerAllowlistSpec {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Name of the Tenant, in the same namespace, whose partners these are.")
    private String tenantRef;

    @Required
    @Size(max = 256)
    @ValidationRule(value = "self.all(p, self.exists_one(q, q.id == p.id))", message = "partner ids must be unique within the list")
    @JsonPropertyDescription("The allow-listed partners. A partner not listed here, or whose entry has expired, is refused.")
    private List<Partner> partners = new ArrayList<>();

    public String getTenantRef() { return tenantRef; }
    public void setTenantRef(String tenantRef) { this.tenantRef = tenantRef; }
    public List<Partner> getPartners() { return partners; }
    public void setPartners(List<Partner> partners) { this.partners = partners; }
}
