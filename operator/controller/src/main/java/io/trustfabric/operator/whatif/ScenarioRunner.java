package io.trustfabric.operator.whatif;

import io.trustfabric.api.v1alpha1.ScenarioTemplate;

/** Runs one template's replay. The reconciler picks the runner by {@link #template()} and runs it off its threads. */
public interface ScenarioRunner {

    ScenarioTemplate template();

    /**
     * Checks what the runner needs before the scenario is queued (e.g. that a named object exists and belongs to the
     * tenant); a failure fails the scenario at once with its reason. Runs on a reconciler thread: keep it to a few reads.
     */
    default void check(ScenarioRequest request) throws ScenarioFailure {
    }

    /**
     * Replays {@code request} and says what the candidate would change. Reports progress as it goes and stops early
     * (with {@link ScenarioFailure}) when {@link ScenarioProgress#cancelled()} turns true.
     */
    ScenarioResult run(ScenarioRequest request, ScenarioProgress progress) throws ScenarioFailure;
}
