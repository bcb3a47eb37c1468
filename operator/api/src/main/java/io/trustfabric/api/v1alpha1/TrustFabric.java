package io.trustfabric.api.v1alpha1;

/** Constants of the trustfabric.io API. */
public final class TrustFabric {
    public static final String GROUP = "trustfabric.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** Annotation that stops reconciliation of a resource while "true". */
    public static final String PAUSED_ANNOTATION = GROUP + "/paused";

    private TrustFabric() {
    }
}
