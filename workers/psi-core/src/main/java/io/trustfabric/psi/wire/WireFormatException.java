package io.trustfabric.psi.wire;

/** Bytes that are not a well-formed message of the PSI wire format. */
public class WireFormatException extends IllegalArgumentException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
