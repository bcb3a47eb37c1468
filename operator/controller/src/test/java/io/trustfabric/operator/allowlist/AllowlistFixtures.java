package io.trustfabric.operator.allowlist;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.trustfabric.api.common.SecretKeyRef;
import io.trustfabric.api.v1alpha1.ClientCertificate;
import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import io.trustfabric.api.v1alpha1.PartnerAllowlistSpec;
import io.trustfabric.api.v1alpha1.PartnerCredentials;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.RateLimit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Allowlists, partners and key Secrets as a platform engineer would write them (namespace set when created). */
public final class AllowlistFixtures {

    private AllowlistFixtures() {
    }

    public static PartnerAllowlist allowlist(String name, String tenant, Partner... partners) {
        PartnerAllowlist allowlist = new PartnerAllowlist();
        allowlist.setMetadata(new ObjectMetaBuilder().withName(name).build());
        PartnerAllowlistSpec spec = new PartnerAllowlistSpec();
        spec.setTenantRef(tenant);
        spec.setPartners(new ArrayList<>(List.of(partners)));
        allowlist.setSpec(spec);
        return allowlist;
    }

    /** A partner with an API key in Secret {@code <id>-api-key}, key {@code apiKey}. */
    public static Partner apiKeyPartner(String id, String expires, QueryMode... modes) {
        Partner partner = new Partner();
        partner.setId(id);
        partner.setDisplayName(id.substring(0, 1).toUpperCase() + id.substring(1) + " Inc.");
        partner.setRegion("eu-west-1");
        partner.setModes(new ArrayList<>(List.of(modes)));
        partner.setExpires(expires);
        partner.setContractFlags(new ArrayList<>(List.of("eu-data")));
        partner.setRate(new RateLimit(20, 40));
        PartnerCredentials credentials = new PartnerCredentials();
        credentials.setApiKeySecretRef(new SecretKeyRef(id + "-api-key", "apiKey"));
        partner.setCredentials(credentials);
        return partner;
    }

    public static Partner certificatePartner(String id, String subject, QueryMode... modes) {
        Partner partner = new Partner();
        partner.setId(id);
        partner.setModes(new ArrayList<>(List.of(modes)));
        PartnerCredentials credentials = new PartnerCredentials();
        ClientCertificate certificate = new ClientCertificate();
        certificate.setSubject(subject);
        credentials.setClientCertificate(certificate);
        partner.setCredentials(credentials);
        return partner;
    }

    public static Secret apiKeySecret(String partnerId, String apiKey) {
        return new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(partnerId + "-api-key").build())
                .withData(Map.of("apiKey", Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
