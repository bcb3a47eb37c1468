package io.trustfabric.operator.whatif.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.psi.protocol.PackedElements;
import io.trustfabric.psi.protocol.PsiMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerComparatorTest {

    private static PackedElements elements(byte[]... values) {
        PackedElements packed = PackedElements.allocate(values.length, 32);
        for (int i = 0; i < values.length; i++) {
            packed.set(i, values[i]);
        }
        return packed;
    }

    private static byte[] random(Random random) {
        byte[] element = new byte[32];
        random.nextBytes(element);
        element[31] &= 0x7f;
        return element;
    }

    @Test
    void psiAnswersMustBeEqualByteForByteInRequestOrder() {
        Random random = new Random(1);
        byte[] a = random(random);
        byte[] b = random(random);
        byte[] c = random(random);
        assertThat(AnswerComparator.identical(PsiMode.PSI, elements(a, b, c), elements(a.clone(), b.clone(), c.clone())))
                .isTrue();
        assertThat(AnswerComparator.identical(PsiMode.PSI, elements(a, b, c), elements(b, a, c))).isFalse();
    }

    @Test
    void psiCaAnswersAreComparedAsMultisets() {
        Random random = new Random(2);
        byte[] a = random(random);
        byte[] b = random(random);
        byte[] c = random(random);
        assertThat(AnswerComparator.identical(PsiMode.PSI_CA, elements(a, b, c), elements(c, a, b))).isTrue();
        // the same elements with different multiplicities are not the same multiset
        assertThat(AnswerComparator.identical(PsiMode.PSI_CA, elements(a, a, b), elements(a, b, b))).isFalse();
    }

    @Test
    void oneDifferingBitInOneElementIsDetectedInEitherMode() {
        Random random = new Random(3);
        byte[] a = random(random);
        byte[] b = random(random);
        byte[] changed = b.clone();
        changed[17] ^= 0x04;
        assertThat(AnswerComparator.identical(PsiMode.PSI, elements(a, b), elements(a, changed))).isFalse();
        assertThat(AnswerComparator.identical(PsiMode.PSI_CA, elements(a, b), elements(changed, a))).isFalse();
    }

    @Test
    void answersOfDifferentLengthsDiffer() {
        Random random = new Random(4);
        byte[] a = random(random);
        assertThat(AnswerComparator.identical(PsiMode.PSI_CA, elements(a), elements(a, random(random)))).isFalse();
    }
}
