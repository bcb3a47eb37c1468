package io.trustfabric.psi.client;

/** The worker refused the request with an error status and an RFC 9457 problem body. */
public class PsiServerException extends PsiClientException {
    private final ProblemDetails problem;
    private final int retryAfterSeconds;

    public PsiServerException(ProblemDetails problem) {
        this(problem, 0);
    }

    public PsiServerException(ProblemDetails problem, int retryAfterSeconds) {
        super("worker refused the request: HTTP " + problem.status() + " " + problem.type()
                + (problem.detail().isEmpty() ? "" : ": " + problem.detail()));
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The worker's {@code Retry-After} in seconds (429), or 0. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ProblemDetails problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The tenant's policy denied the query ({@code policy-denied}; the problem's {@code denials} say why). */
    public boolean policyDenied() {
        return PsiClient.POLICY_DENIED.equals(type());
    }

    /** The tenant's policy could not be checked ({@code policy-unavailable}): nothing was answered; retry later. */
    public boolean policyUnavailable() {
        return PsiClient.POLICY_UNAVAILABLE.equals(type());
    }

    /** The stable problem type URI, e.g. {@code https://trustfabric.io/problems/stale-key-epoch}. */
    public String type() {
        return problem.type();
    }
}
