package io.trustfabric.psi.client;

/**
 * A PSI-CA result as the partner may report it: the count, or, when the tenant's k-threshold policy obliges the
 * client to suppress counts below k and the count is below k, only that it is "fewer than k".
 */
public record Cardinality(int count, Integer suppressedBelow) {

    static Cardinality of(int count, Obligations obligations) {
        var k = obligations.suppressCountBelow();
        return k.isPresent() && count < k.getAsInt() ? new Cardinality(-1, k.getAsInt()) : new Cardinality(count, null);
    }

    public boolean suppressed() {
        return suppressedBelow != null;
    }

    /** {@code 42}, or {@code fewer than 10}. */
    @Override
    public String toString() {
        return suppressed() ? "fewer than " + suppressedBelow : Integer.toString(count);
    }
}
