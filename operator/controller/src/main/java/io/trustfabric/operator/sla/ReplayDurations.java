package io.trustfabric.operator.sla;

import io.trustfabric.operator.policy.decisions.TenantRef;
import java.time.Duration;

/** Where the what-if reconciler reports how long each finished replay took (the SLA's replay latency). */
@FunctionalInterface
public interface ReplayDurations {

    ReplayDurations NONE = (tenant, took) -> { };

    void finished(TenantRef tenant, Duration took);
}
