package io.trustfabric.psi.client;

/**
 * The worker's response breaks the protocol: wrong element count, an element that is not a valid group
 * element, a different key epoch than the one blinded for, or bytes that are not a valid message.
 * The answer is discarded; nothing is counted.
 */
public class PsiProtocolException extends PsiClientException {
    public PsiProtocolException(String message) {
        super(message);
    }

    public PsiProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
