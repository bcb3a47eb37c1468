package io.trustfabric.cli.resource;

/** What `tfctl apply` did to one object, in kubectl's words. */
public enum ApplyOutcome {
    CREATED("created"),
    CONFIGURED("configured"),
    UNCHANGED("unchanged");

    private final String word;

    ApplyOutcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
