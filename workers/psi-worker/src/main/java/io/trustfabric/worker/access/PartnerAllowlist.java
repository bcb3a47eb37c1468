package io.trustfabric.worker.access;

import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** A tenant's effective allowlist document, as served by the control API: immutable. */
public record PartnerAllowlist(String revision, List<Partner> partners) {
    public PartnerAllowlist {
        partners = List.copyOf(partners);
    }

    /**
     * The partner whose API key is {@code presented}. Every partner's hash is computed and compared,
     * so the time taken does not tell which partner (if any) came close.
     */
    public Optional<Partner> byApiKey(String presented) {
        Partner found = null;
        for (Partner partner : partners) {
            if (partner.apiKey() != null && partner.apiKey().matches(presented) && found == null) {
                found = partner;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The partner whose certificate subject is {@code subject} (compared as X.500 names, canonical form). */
    public Optional<Partner> byCertificateSubject(X500Principal subject) {
        String canonical = subject.getName(X500Principal.CANONICAL);
        return partners.stream()
                .filter(p -> p.certificateSubject() != null)
                .filter(p -> new X500Principal(p.certificateSubject()).getName(X500Principal.CANONICAL).equals(canonical))
                .findFirst();
    }
}
