package io.trustfabric.operator.allowlist;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every allowlist entry of one tenant after evaluation.
 *
 * @param namespace the tenant's namespace
 * @param tenant    the tenant's name
 * @param verdicts  one per entry, grouped by allowlist name
 */
public record AllowlistEvaluation(String namespace, String tenant, List<PartnerVerdict> verdicts) {

    public AllowlistEvaluation {
        verdicts = List.copyOf(verdicts);
    }

    public List<PartnerVerdict> of(String allowlist) {
        return verdicts.stream().filter(v -> v.allowlist().equals(allowlist)).toList();
    }

    /** What the workers get: active and expired partners, sorted by id. */
    public List<PartnerVerdict> served() {
        return verdicts.stream().filter(v -> v.state().served()).sorted(Comparator.comparing(PartnerVerdict::id))
                .toList();
    }

    /** The next time an active partner of the given allowlist expires (the reconciler re-runs then). */
    public Optional<Instant> nextExpiry(String allowlist) {
        return of(allowlist).stream().filter(v -> v.state() == PartnerState.ACTIVE && v.expires() != null)
                .map(PartnerVerdict::expires).min(Comparator.naturalOrder());
    }
}
