package io.trustfabric.psi.client;

/** The worker refused the request with an error status and an RFC 9457 problem body. */
public class PsiServerException extends PsiClientException {
    private final ProblemDetails problem;

    public PsiServerException(ProblemDetails problem) {
        super("worker refused the request: HTTP " + problem.status() + " " + problem.type()
                + (problem.detail().isEmpty() ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public ProblemDetails problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The stable problem type URI, e.g. {@code https://trustfabric.io/problems/stale-key-epoch}. */
    public String type() {
        return problem.type();
    }
}
