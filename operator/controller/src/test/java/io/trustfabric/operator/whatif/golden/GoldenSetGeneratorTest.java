package io.trustfabric.operator.whatif.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.trustfabric.api.v1alpha1.GoldenSet;
import io.trustfabric.psi.protocol.Normalization;
import io.trustfabric.psi.protocol.PsiMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GoldenSetGeneratorTest {

    private static final List<String> EMAILS = IntStream.range(0, 500).mapToObj(i -> "user" + i + "@example.com").toList();

    private static GoldenSet golden(long seed, int queries, int size, int percent) {
        GoldenSet golden = new GoldenSet();
        golden.setSeed(seed);
        golden.setQueries(queries);
        golden.setClientSetSize(size);
        golden.setMatchPercent(percent);
        return golden;
    }

    private static GoldenSetGenerator generator(GoldenSet golden, List<String> items, Normalization normalization) {
        NormalizedItems current = NormalizedItems.of(items, normalization);
        return new GoldenSetGenerator(golden, List.of(PsiMode.PSI_CA, PsiMode.PSI), current, List.of(current));
    }

    @Test
    void theSameSeedGivesTheSameQueriesAndAnotherSeedOtherOnes() {
        GoldenSetGenerator a = generator(golden(7, 5, 64, 50), EMAILS, Normalization.NONE);
        GoldenSetGenerator b = generator(golden(7, 5, 64, 50), EMAILS, Normalization.NONE);
        GoldenSetGenerator c = generator(golden(8, 5, 64, 50), EMAILS, Normalization.NONE);
        for (int i = 0; i < 5; i++) {
            assertThat(a.query(i).items()).isEqualTo(b.query(i).items());
            assertThat(a.query(i).items()).isNotEqualTo(c.query(i).items());
        }
        assertThat(a.query(0).items()).isNotEqualTo(a.query(1).items());
        assertThat(a.trafficDigest()).isEqualTo(b.trafficDigest()).isNotEqualTo(c.trafficDigest());
    }

    @Test
    void matchPercentOfEachSetComesFromTheDataSetWithoutRepeats() {
        NormalizedItems current = NormalizedItems.of(EMAILS, Normalization.NONE);
        GoldenSetGenerator generator = generator(golden(3, 10, 200, 30), EMAILS, Normalization.NONE);
        for (int i = 0; i < 10; i++) {
            GoldenQuery query = generator.query(i);
            long fromData = query.items().stream().filter(current::containsNormalized).count();
            assertThat(query.items()).hasSize(200).doesNotHaveDuplicates();
            assertThat(fromData).isEqualTo(60).isEqualTo(query.drawnFromData());
        }
    }

    @Test
    void aSmallDataSetIsDrawnCompletelyAndTheRestIsSynthetic() {
        List<String> few = List.of("a", "b", "c");
        GoldenSetGenerator generator = generator(golden(1, 2, 50, 100), few, Normalization.NONE);
        GoldenQuery query = generator.query(0);
        assertThat(query.items()).hasSize(50).contains("a", "b", "c").doesNotHaveDuplicates();
        assertThat(query.drawnFromData()).isEqualTo(3);
    }

    @Test
    void modesAlternateInTheTenantsOrder() {
        GoldenSetGenerator generator = generator(golden(1, 4, 8, 50), EMAILS, Normalization.NONE);
        assertThat(IntStream.range(0, 4).mapToObj(i -> generator.query(i).mode()))
                .containsExactly(PsiMode.PSI_CA, PsiMode.PSI, PsiMode.PSI_CA, PsiMode.PSI);
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void noSyntheticItemMatchesARealOneAfterNormalization(Normalization normalization) {
        // a data set that holds synthetic-looking items in every spelling a line can have
        List<String> tricky = new java.util.ArrayList<>(EMAILS);
        for (int q = 0; q < 3; q++) {
            for (int p = 0; p < 40; p++) {
                tricky.add("trustfabric.io/what-if/synthetic" + 9 + "/" + q + "/" + p);
                tricky.add(" TRUSTFABRIC.IO/WHAT-IF/SYNTHETIC 9/" + q + "/" + p + " ");
            }
        }
        NormalizedItems current = NormalizedItems.of(tricky, normalization);
        GoldenSetGenerator generator = new GoldenSetGenerator(golden(9, 3, 40, 25), List.of(PsiMode.PSI), current,
                List.of(current));
        Set<String> real = new HashSet<>(tricky);
        for (int i = 0; i < 3; i++) {
            GoldenQuery query = generator.query(i);
            List<String> synthetic = query.items().stream().filter(item -> !real.contains(item)).toList();
            assertThat(synthetic).hasSize(40 - query.drawnFromData());
            assertThat(synthetic).noneMatch(current::containsNormalized);
        }
    }

    @Test
    void aSyntheticItemInTheCandidateDataSetIsRefusedNotSent() {
        GoldenSetGenerator probe = generator(golden(5, 1, 4, 0), EMAILS, Normalization.NONE);
        String synthetic = probe.query(0).items().get(0);
        NormalizedItems current = NormalizedItems.of(EMAILS, Normalization.NONE);
        NormalizedItems poisoned = NormalizedItems.of(List.of(synthetic), Normalization.NONE);
        GoldenSetGenerator generator = new GoldenSetGenerator(golden(5, 1, 4, 0), List.of(PsiMode.PSI), current,
                List.of(current, poisoned));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> generator.query(0))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(synthetic);
    }
}
