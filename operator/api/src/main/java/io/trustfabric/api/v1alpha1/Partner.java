package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One allow-listed partner of a tenant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Partner {

    @Required
    @Pattern(ApiPatterns.DNS_LABEL)
    @Size(max = 63)
    @JsonPropertyDescription("Stable partner identifier (a DNS label, e.g. globex); used in receipts, budgets (partnerRef), metrics and policies.")
    private String id;

    @Size(max = 128)
    @JsonPropertyDescription("Human-readable partner name, shown in tfctl and dashboards.")
    private String displayName;

    @Size(max = 64)
    @JsonPropertyDescription("Region the partner queries from (e.g. eu-west-1); residency policies compare it with their allowed regions.")
    private String region;

    @Required
    @Size(min = 1, max = 2)
    @JsonPropertyDescription("Query modes this partner may use: psi-ca (intersection size only) and/or psi (the items). Must also be allowed by the tenant.")
    private List<QueryMode> modes = new ArrayList<>();

    @Required
    @JsonPropertyDescription("How the partner authenticates: exactly one of apiKeySecretRef or clientCertificate.")
    private PartnerCredentials credentials;

    @Pattern(ApiPatterns.DATE_TIME)
    @Size(max = 64)
    @JsonPropertyDescription("RFC 3339 time after which the partner is refused (e.g. 2026-12-31T23:59:59Z); omit for no expiry.")
    private String expires;

    @Size(max = 32)
    @JsonPropertyDescription("Contract flags agreed with this partner (e.g. eu-data); available to policies.")
    private List<String> contractFlags = new ArrayList<>();

    @JsonPropertyDescription("Rate limit for this partner; defaults to the tenant's defaultPartnerRate.")
    private RateLimit rate;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public List<QueryMode> getModes() { return modes; }
    public void setModes(List<QueryMode> modes) { this.modes = modes; }
    public PartnerCredentials getCredentials() { return credentials; }
    public void setCredentials(PartnerCredentials credentials) { this.credentials = credentials; }
    public String getExpires() { return expires; }
    public void setExpires(String expires) { this.expires = expires; }
    public List<String> getContractFlags() { return contractFlags; }
    public void setContractFlags(List<String> contractFlags) { this.contractFlags = contractFlags; }
    public RateLimit getRate() { return rate; }
    public void setRate(RateLimit rate) { this.rate = rate; }
}
