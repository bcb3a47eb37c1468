package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.node.TextNode;
import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The checks of a PartnerAllowlist: partner regions policies compare, expiry, the tenant. */
final class PartnerAllowlistChecks {

    private final LintEnvironment environment;

    PartnerAllowlistChecks(LintEnvironment environment) {
        this.environment = environment;
    }

    void check(PartnerAllowlist allowlist, Findings findings) {
        if (allowlist.getSpec() == null) {
            return;
        }
        List<Partner> partners = allowlist.getSpec().getPartners() == null ? List.of() : allowlist.getSpec().getPartners();
        for (int i = 0; i < partners.size(); i++) {
            Partner partner = partners.get(i);
            String path = "spec.partners[" + i + "]";
            if (partner.getRegion() != null && !partner.getRegion().isEmpty()) {
                TrustPolicyChecks.region(path + ".region", TextNode.valueOf(partner.getRegion()), findings);
            }
            if (partner.getExpires() != null) {
                try {
                    Instant expires = Instant.parse(partner.getExpires());
                    if (expires.isBefore(environment.now())) {
                        findings.add(FindingCode.PARTNER_EXPIRED, path + ".expires", "partner '" + partner.getId()
                                + "' expired at " + partner.getExpires() + " and is refused", "extend expires, or "
                                + "remove the partner");
                    }
                } catch (DateTimeParseException e) {
                    // the CRD's pattern reports it
                }
            }
        }
        String namespace = allowlist.getMetadata() == null ? null : allowlist.getMetadata().getNamespace();
        String tenant = allowlist.getSpec().getTenantRef();
        if (namespace != null && tenant != null && environment.knowsTenants(namespace)
                && environment.tenant(namespace, tenant).isEmpty()) {
            findings.add(FindingCode.TENANT_NOT_FOUND, "spec.tenantRef", "no Tenant '" + tenant + "' in namespace '"
                    + namespace + "'", "check the name, or create the Tenant");
        }
    }
}
