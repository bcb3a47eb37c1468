package io.trustfabric.psi.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.group.Curve25519Group;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PSI-CA answers must not reveal which request element produced which answer element. */
class ShuffleTest {
    private static final PrimeOrderGroup GROUP = new Curve25519Group();
    private static final int N = 5;
    private static final int RUNS = 1000;

    @Test
    void psiCaAnswerPositionsAreIndependentOfRequestPositions() throws NoSuchAlgorithmException {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(20261125L);
        KeyEpochContext context = new KeyEpochContext("trust", "acme", 1);
        Scalar key = GROUP.randomScalar(seeded);
        PartnerQuery query = PartnerQuery.blind(GROUP, context, Normalization.NONE,
                List.of("a", "b", "c", "d", "e"), seeded);
        ServerEvaluator evaluator = new ServerEvaluator(GROUP);
        PackedElements inOrder = evaluator.answer(key, query.blinded(), PsiMode.PSI, seeded);

        int[][] counts = new int[N][N];
        double correlationSum = 0;
        for (int run = 0; run < RUNS; run++) {
            PackedElements shuffled = evaluator.answer(key, query.blinded(), PsiMode.PSI_CA, seeded);
            int[] positionOf = new int[N];
            for (int request = 0; request < N; request++) {
                positionOf[request] = indexOf(shuffled, inOrder.get(request));
                counts[request][positionOf[request]]++;
            }
            correlationSum += spearman(positionOf);
        }

        double expected = (double) RUNS / N;
        double chiSquare = 0;
        for (int[] row : counts) {
            for (int observed : row) {
                chiSquare += (observed - expected) * (observed - expected) / expected;
            }
        }
        // 16 degrees of freedom: mean 16, P(chi2 > 60) < 1e-6; an unshuffled answer scores 4000
        assertThat(chiSquare).isLessThan(60);
        assertThat(correlationSum / RUNS).isBetween(-0.1, 0.1);
    }

    @Test
    void psiAnswerKeepsRequestOrder() {
        SecureRandom random = new SecureRandom();
        Scalar key = GROUP.randomScalar(random);
        PartnerQuery query = PartnerQuery.blind(GROUP, new KeyEpochContext("t", "a", 1), Normalization.NONE,
                List.of("a", "b", "c"), random);
        PackedElements answer = new ServerEvaluator(GROUP).answer(key, query.blinded(), PsiMode.PSI, random);
        for (int i = 0; i < 3; i++) {
            assertThat(answer.get(i)).isEqualTo(GROUP.multiply(key, query.blinded().get(i)));
        }
    }

    private static int indexOf(PackedElements elements, byte[] element) {
        for (int i = 0; i < elements.count(); i++) {
            if (elements.compareAt(i, element) == 0) {
                return i;
            }
        }
        throw new AssertionError("answer is not a permutation of the evaluated request");
    }

    private static double spearman(int[] positionOf) {
        double sumSquares = 0;
        for (int i = 0; i < positionOf.length; i++) {
            sumSquares += (double) (i - positionOf[i]) * (i - positionOf[i]);
        }
        return 1 - 6 * sumSquares / (N * ((double) N * N - 1));
    }
}
