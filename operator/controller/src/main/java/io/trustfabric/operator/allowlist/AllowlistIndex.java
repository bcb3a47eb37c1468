package io.trustfabric.operator.allowlist;

import io.fabric8.kubernetes.api.model.Secret;
import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.PartnerAllowlist;
import java.util.Objects;
import java.util.stream.Stream;

/** Questions asked of a set of PartnerAllowlists when an event has to be mapped to the resources it affects. */
public final class AllowlistIndex {

    private AllowlistIndex() {
    }

    public static boolean isFor(PartnerAllowlist allowlist, String namespace, String tenant) {
        return namespace.equals(allowlist.getMetadata().getNamespace()) && allowlist.getSpec() != null
                && tenant.equals(allowlist.getSpec().getTenantRef());
    }

    /** Whether an API key entry of the allowlist names the Secret. */
    public static boolean references(PartnerAllowlist allowlist, Secret secret) {
        if (!Objects.equals(allowlist.getMetadata().getNamespace(), secret.getMetadata().getNamespace())) {
            return false;
        }
        return partners(allowlist)
                .map(Partner::getCredentials)
                .filter(c -> c != null && c.getApiKeySecretRef() != null)
                .anyMatch(c -> secret.getMetadata().getName().equals(c.getApiKeySecretRef().getName()));
    }

    private static Stream<Partner> partners(PartnerAllowlist allowlist) {
        return allowlist.getSpec() == null || allowlist.getSpec().getPartners() == null ? Stream.empty()
                : allowlist.getSpec().getPartners().stream().filter(Objects::nonNull);
    }
}
