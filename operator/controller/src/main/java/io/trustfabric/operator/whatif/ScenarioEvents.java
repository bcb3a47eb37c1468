package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.WhatIfScenario;
import io.trustfabric.operator.events.EventPublisher;

/** The Events of a what-if scenario: Started, Succeeded (Normal) and Failed (Warning). */
public final class ScenarioEvents {

    public static final String STARTED = "Started";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private final EventPublisher publisher;

    public ScenarioEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void started(WhatIfScenario scenario, long generation) {
        publisher.publish(scenario, EventPublisher.NORMAL, STARTED, "Replay of generation " + generation
                + " started");
    }

    void succeeded(WhatIfScenario scenario, String headline) {
        publisher.publish(scenario, EventPublisher.NORMAL, SUCCEEDED, headline);
    }

    void failed(WhatIfScenario scenario, String reason, String message) {
        publisher.publish(scenario, EventPublisher.WARNING, FAILED, reason + ": " + message);
    }
}
