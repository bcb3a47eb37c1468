package io.trustfabric.operator.whatif.golden;

import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PsiMode;
import java.util.Arrays;

/**
 * Whether two sides answered one identical request the same. With the same key, {@code psi} answers come in request
 * order and must be equal byte for byte; {@code psi-ca} answers are shuffled by each worker, so they are compared
 * as multisets of elements.
 */
public final class AnswerComparator {

    private AnswerComparator() {
    }

    public static boolean identical(PsiMode mode, PackedElements baseline, PackedElements candidate) {
        if (baseline.count() != candidate.count() || baseline.width() != candidate.width()) {
            return false;
        }
        return switch (mode) {
            case PSI -> Arrays.equals(baseline.bytes(), candidate.bytes());
            case PSI_CA -> Arrays.deepEquals(sortedElements(baseline), sortedElements(candidate));
        };
    }

    private static byte[][] sortedElements(PackedElements elements) {
        byte[][] sorted = new byte[elements.count()][];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = elements.get(i);
        }
        Arrays.sort(sorted, Arrays::compareUnsigned);
        return sorted;
    }
}
