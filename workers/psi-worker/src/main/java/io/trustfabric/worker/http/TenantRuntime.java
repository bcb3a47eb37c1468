package io.trustfabric.worker.http;

import io.trustfabric.worker.access.PartnerAuthorizer;
import io.trustfabric.worker.auth.PartnerAuthenticator;
import io.trustfabric.worker.budget.BudgetAccountant;
import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.metrics.WorkerMetrics;
import io.trustfabric.worker.policy.PolicyGate;
import io.trustfabric.worker.ratelimit.PartnerRateLimiter;
import io.trustfabric.worker.setup.KeyEpochs;

/**
 * Everything the HTTP API needs to serve one tenant; a pool worker has one per tenant. {@code budget} charges
 * the tenant's privacy budgets; null when budgets are not enforced (no control API: tests and local mode).
 * {@code policy} decides every parsed query before its budget is reserved.
 */
public record TenantRuntime(WorkerConfig config, KeyEpochs epochs, PartnerAuthenticator authenticator,
                            PartnerAuthorizer authorizer, PartnerRateLimiter rateLimiter,
                            WorkerMetrics.TenantMetrics metrics, BudgetAccountant budget, PolicyGate policy) {
    /** The tenant's lane on the compute pool. */
    public String lane() {
        return config.tenant().id();
    }
}
