package io.trustfabric.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of candidate change a what-if scenario can replay. */
public enum ScenarioTemplate {
    POLICY_TWEAK("policy-tweak"),
    BUDGET_CHANGE("budget-change"),
    WORKER_PIN("worker-pin"),
    SEED_CHANGE("seed-change");

    private final String wireName;

    ScenarioTemplate(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ScenarioTemplate fromWireName(String name) {
        for (ScenarioTemplate t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown template '" + name + "' (expected policy-tweak, budget-change, worker-pin or seed-change)");
    }
}
