package io.trustfabric.api.crds;

/** One change to a CRD that can break objects already stored in a cluster or clients written against it. */
public record BreakingChange(String crd, String path, String reason) {

    @Override
    public String toString() {
        return path.isEmpty() ? crd + ": " + reason : crd + " " + path + ": " + reason;
    }
}
