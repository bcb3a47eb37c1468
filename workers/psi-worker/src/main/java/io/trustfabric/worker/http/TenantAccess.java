package io.trustfabric.worker.http;

import io.trustfabric.worker.config.WorkerConfig;
import io.trustfabric.worker.setup.EpochSetup;
import io.trustfabric.worker.setup.KeyEpochs;
import io.vertx.core.http.HttpServerResponse;

/** Whether the tenant answers at all, which epoch it serves, and the tenant headers on every answer. */
final class TenantAccess {
    private final WorkerConfig.Tenant tenant;
    private final KeyEpochs epochs;
    private final String contractFlags;

    TenantAccess(WorkerConfig.Tenant tenant, KeyEpochs epochs) {
        this.tenant = tenant;
        this.epochs = epochs;
        this.contractFlags = String.join(",", tenant.contractFlags());
    }

    void requireEnabled() {
        if (!tenant.limitedGA()) {
            throw new ProblemException(ProblemType.TENANT_NOT_ENABLED, "tenant " + tenant.id()
                    + " is not enabled for partner queries (limitedGA is false)");
        }
    }

    EpochSetup currentSetup() {
        return epochs.current().orElseThrow(() -> new ProblemException(ProblemType.NOT_READY,
                "the setup of the key epoch is still being built; retry shortly"));
    }

    HttpServerResponse tenantHeaders(HttpServerResponse response, EpochSetup setup) {
        response.putHeader("X-TrustFabric-Tenant", tenant.id())
                .putHeader("X-TrustFabric-Key-Epoch", Long.toString(setup.epoch()));
        if (!contractFlags.isEmpty()) {
            response.putHeader("X-TrustFabric-Contract-Flags", contractFlags);
        }
        return response;
    }
}
