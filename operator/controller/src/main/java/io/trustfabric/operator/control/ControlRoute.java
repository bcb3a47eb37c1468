package io.trustfabric.operator.control;

/**
 * One endpoint of the worker control API, below {@code /control/v1/namespaces/{namespace}/tenants/{tenant}}.
 * The server authenticates the worker token before a route sees the request, so a handler only deals with
 * an authorised request of its own tenant.
 */
public interface ControlRoute {

    /** HTTP method, e.g. GET or POST. */
    String method();

    /**
     * Path below the tenant prefix, starting with '/'; segments in braces are parameters, e.g.
     * {@code /leases/{leaseId}/renew}.
     */
    String path();

    /** Whether only the elected leader may answer (others answer 503 not-leader), e.g. budget calls. */
    default boolean leaderOnly() {
        return false;
    }

    /**
     * The largest request body this route accepts (the server answers 413 payload-too-large beyond it, before the
     * route sees the request).
     */
    default int maxBodyBytes() {
        return ControlServer.MAX_BODY_BYTES;
    }

    /** Answers the request; a {@link ControlProblem} thrown here becomes its problem response. */
    ControlResponse handle(ControlRequest request);
}
