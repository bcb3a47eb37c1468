package io.trustfabric.worker.access;

import io.trustfabric.psi.protocol.PsiMode;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.http.ProblemException;
import io.trustfabric.worker.http.ProblemType;
import java.time.Clock;
import java.time.Instant;

/**
 * Stage 2 of a query: may this partner ask this tenant this question now? Checked in this order: the
 * tenant is in limited GA, the partner's entry has not expired (by the worker's own clock), the tenant
 * serves the mode, the partner's contract allows the mode.
 */
public final class PartnerAuthorizer {
    private final WorkerConfig.Tenant tenant;
    private final Clock clock;

    public PartnerAuthorizer(WorkerConfig.Tenant tenant, Clock clock) {
        this.tenant = tenant;
        this.clock = clock;
    }

    public void requireEnabled() {
        if (!tenant.limitedGA()) {
            throw new ProblemException(ProblemType.TENANT_NOT_ENABLED, "tenant " + tenant.id()
                    + " is not enabled for partner queries (limitedGA is false)");
        }
    }

    /** May {@code partner} fetch the setup (any mode)? */
    public void authorizeSetup(Partner partner) {
        requireEnabled();
        requireCurrent(partner);
    }

    public void authorizeQuery(Partner partner, PsiMode mode) {
        authorizeSetup(partner);
        if (!tenant.modes().contains(mode)) {
            throw new ProblemException(ProblemType.MODE_NOT_SERVED,
                    "tenant " + tenant.id() + " does not serve " + mode.wireName());
        }
        if (!partner.modes().contains(mode)) {
            throw new ProblemException(ProblemType.MODE_NOT_ALLOWED, "partner " + partner.id()
                    + " may not use " + mode.wireName() + " with tenant " + tenant.id() + "; allowed: "
                    + partner.modes().stream().map(PsiMode::wireName).sorted().toList());
        }
    }

    private void requireCurrent(Partner partner) {
        Instant now = clock.instant();
        if (partner.expiredAt(now)) {
            throw new ProblemException(ProblemType.PARTNER_EXPIRED, "the allowlist entry of partner " + partner.id()
                    + " for tenant " + tenant.id() + " expired at " + partner.expires() + "; ask the tenant to renew it");
        }
    }
}
