package io.trustfabric.worker.access;

/** An allowlist document that cannot be used; the worker keeps the document it had. */
public final class InvalidAllowlistException extends RuntimeException {
    public InvalidAllowlistException(String message) {
        super(message);
    }
}
