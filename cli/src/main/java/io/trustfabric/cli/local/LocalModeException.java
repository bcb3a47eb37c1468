package io.trustfabric.cli.local;

/** Local mode cannot do what was asked; the message says what and why. */
public final class LocalModeException extends RuntimeException {
    public LocalModeException(String message) {
        super(message);
    }

    public LocalModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
