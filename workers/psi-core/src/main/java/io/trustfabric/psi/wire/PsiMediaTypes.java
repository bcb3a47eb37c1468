package io.trustfabric.psi.wire;

/** Media types of the PSI worker API. */
public final class PsiMediaTypes {
    /** An element batch: the partner's blinded elements, or the server's answer. */
    public static final String ELEMENTS_V1 = "application/vnd.trustfabric.psi.v1+octet-stream";
    /** The setup message: tenant, key epoch and the server's set digest. */
    public static final String SETUP_V1 = "application/vnd.trustfabric.psi-setup.v1+octet-stream";
    /** RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private PsiMediaTypes() {
    }
}
