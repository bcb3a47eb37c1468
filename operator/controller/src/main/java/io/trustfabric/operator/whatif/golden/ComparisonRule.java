package io.trustfabric.operator.whatif.golden;

/** What makes two sides' answers to the same golden query "identical". */
public enum ComparisonRule {
    /**
     * worker-pin (same key seed): the answers themselves (psi byte for byte in request order, psi-ca as multisets) and
     * the intersection each side's answer gives against its own setup.
     */
    ANSWERS_AND_RESULTS,
    /** seed-change (different keys give unrelated answers): only the intersection results, cardinality or matches. */
    RESULTS_ONLY
}
