package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.WhatIfScenario;
import java.time.Instant;

/**
 * What a runner replays: the scenario (its spec as of {@code scenario.getMetadata().getGeneration()}), the tenant as
 * read when the run started, and the window of recorded traffic {@code [windowStart, windowEnd)}.
 */
public record ScenarioRequest(WhatIfScenario scenario, Tenant tenant, Instant windowStart, Instant windowEnd) {

    public String namespace() {
        return scenario.getMetadata().getNamespace();
    }

    public String tenantName() {
        return tenant.getMetadata().getName();
    }
}
