package io.trustfabric.api.v1alpha1;

/** Constants of the trustfabric.io API. */
public final class TrustFabric {
    public static final String GROUP = "trustfabric.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** Annotation that stops reconciliation of a resource while "true". */
    public static final String PAUSED_ANNOTATION = GROUP + "/paused";

    /** kubectl category of every kind: {@code kubectl get trustfabric} lists them all. */
    public static final String CATEGORY = "trustfabric";

    /** Printer-column path of the Ready condition's status. */
    public static final String READY_STATUS_PATH = ".status.conditions[?(@.type==\"Ready\")].status";

    /** Printer-column path of the object's age. */
    public static final String AGE_PATH = ".metadata.creationTimestamp";

    private TrustFabric() {
    }
}
