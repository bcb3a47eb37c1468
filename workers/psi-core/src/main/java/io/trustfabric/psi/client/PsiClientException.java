package io.trustfabric.psi.client;

/** A PSI query could not be completed; the message says why in terms a partner can act on. */
public class PsiClientException extends RuntimeException {
    public PsiClientException(String message) {
        super(message);
    }

    public PsiClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
