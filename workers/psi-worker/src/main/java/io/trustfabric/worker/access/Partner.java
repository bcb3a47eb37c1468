package io.trustfabric.worker.access;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.auth.ApiKeyHash;
import io.trustfabric.worker.ratelimit.Rate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One entry of a tenant's effective allowlist (docs/control-api.md): who the partner is, what it may
 * ask, until when, and how it proves its identity. Credentials are only salted hashes or a certificate
 * subject. {@code expires}, {@code rate}, {@code apiKey} and {@code certificateSubject} may be null.
 */
public record Partner(String id, String displayName, String region, Set<PsiMode> modes,
                      List<String> contractFlags, Instant expires, Rate rate, ApiKeyHash apiKey,
                      String certificateSubject) {

    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
