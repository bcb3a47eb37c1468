package io.trustfabric.api.crds;

/** The checked-in CRDs are stale, or an update would break compatibility. The message says what to do. */
public class CrdSyncException extends RuntimeException {
    public CrdSyncException(String message) {
        super(message);
    }
}
