package io.trustfabric.psi.client;

/**
 * A PSI-CA count below the tenant's k-threshold: the client may not report it as a number. Thrown by the methods
 * that return a plain {@code int}; {@link PsiClient#chargedCount} returns a {@link Cardinality} instead.
 */
public final class CountSuppressedException extends PsiClientException {
    private final int k;

    public CountSuppressedException(int k) {
        super("fewer than " + k + " (suppressed by the tenant's k-threshold policy)");
        this.k = k;
    }

    public int k() {
        return k;
    }
}
