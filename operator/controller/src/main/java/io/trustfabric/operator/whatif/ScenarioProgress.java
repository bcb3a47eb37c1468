package io.trustfabric.operator.whatif;

/** How a runner reports progress; the reconciler writes it to status at most every few seconds. */
public interface ScenarioProgress {

    /** The number of items (decisions, charges, golden queries) the run will go through. */
    void total(long total);

    /** Items replayed so far. */
    void replayed(long replayed);

    /** True when the scenario was changed or deleted since the run started: stop and throw. */
    boolean cancelled();
}
