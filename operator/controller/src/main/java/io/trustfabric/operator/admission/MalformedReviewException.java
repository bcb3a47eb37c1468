package io.trustfabric.operator.admission;

/** The request body is not an AdmissionReview the webhook can answer (HTTP 400). */
public final class MalformedReviewException extends RuntimeException {

    public MalformedReviewException(String message) {
        super(message);
    }

    public MalformedReviewException(String message, Throwable cause) {
        super(message, cause);
    }
}
