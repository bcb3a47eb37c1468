package io.trustfabric.worker.policy;

/** No usable decision: OPA unreachable, too slow, erring, undefined, or without a decision id. Fail closed. */
public final class PolicyUnavailableException extends RuntimeException {
    public PolicyUnavailableException(String message) {
        super(message, null, false, false);
    }
}
