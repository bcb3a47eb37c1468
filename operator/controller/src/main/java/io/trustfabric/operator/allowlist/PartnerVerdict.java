package io.trustfabric.operator.allowlist;

import io.trustfabric.api.v1alpha1.Partner;
import io.trustfabric.api.v1alpha1.QueryMode;
import java.time.Instant;
import java.util.List;

/**
 * One allowlist entry after evaluation.
 *
 * @param allowlist     name of the PartnerAllowlist the entry is in
 * @param partner       the entry as written
 * @param state         what the operator decided
 * @param reason        CamelCase reason when the entry is not ACTIVE (null when it is)
 * @param message       human explanation when the entry is not ACTIVE (null when it is)
 * @param modes         modes served: the entry's modes that the tenant allows
 * @param expires       parsed expiry, null for none
 * @param apiKeyHash    salted hash of the API key; null for certificate partners and unresolved keys
 */
public record PartnerVerdict(String allowlist, Partner partner, PartnerState state, String reason, String message,
                             List<QueryMode> modes, Instant expires, ApiKeyHash apiKeyHash) {

    public PartnerVerdict {
        modes = List.copyOf(modes);
    }

    public String id() {
        return partner.getId();
    }
}
