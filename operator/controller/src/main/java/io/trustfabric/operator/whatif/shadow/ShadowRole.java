package io.trustfabric.operator.whatif.shadow;

/** The two shadow workers of a run: what runs today, and the candidate. */
public enum ShadowRole {
    BASELINE("base"),
    CANDIDATE("cand");

    private final String suffix;

    ShadowRole(String suffix) {
        this.suffix = suffix;
    }

    /** The shadow Deployment's name: {@code <scenario>-wi-base} or {@code <scenario>-wi-cand}. */
    public String deploymentName(String scenario) {
        return scenario + "-wi-" + suffix;
    }

    public String labelValue() {
        return suffix;
    }
}
