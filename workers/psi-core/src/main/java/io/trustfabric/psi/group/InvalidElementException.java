package io.trustfabric.psi.group;

/** A received group element is not acceptable: not canonical, not on the curve, or of small order. */
public class InvalidElementException extends IllegalArgumentException {
    public InvalidElementException(String message) {
        super(message);
    }
}
