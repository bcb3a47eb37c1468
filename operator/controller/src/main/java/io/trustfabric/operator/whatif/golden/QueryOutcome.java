package io.trustfabric.operator.whatif.golden;

import io.trustfabric.psi.protocol.PsiMode;

/**
 * How one golden query went on both sides. Counts and timings only: the query's items stay in the generator.
 *
 * @param detail          why the verdict is not IDENTICAL (e.g. "answers differ", "candidate: stale-key-epoch"),
 *                        else null
 * @param baselineMatches items the baseline's answer matched (null when it failed)
 */
public record QueryOutcome(int index, PsiMode mode, int setSize, Verdict verdict, String detail,
                           double baselineMillis, double candidateMillis, Integer baselineMatches,
                           Integer candidateMatches) {

    public enum Verdict { IDENTICAL, DIFFERING, FAILED }
}
