package io.trustfabric.psi.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerSetDigestTest {
    private final Random random = new Random(7);

    private PackedElements randomElements(int count) {
        byte[] bytes = new byte[count * 32];
        random.nextBytes(bytes);
        return new PackedElements(bytes, 32);
    }

    @ParameterizedTest
    @EnumSource(SetupEncoding.class)
    void containsEveryMemberAndSurvivesItsPayload(SetupEncoding encoding) {
        PackedElements members = randomElements(5000);
        ServerSetDigest built = encoding.build(members, 1e-6);
        ServerSetDigest parsed = encoding.parse(built.payload(), built.itemCount(), 32);

        for (int i = 0; i < members.count(); i++) {
            assertThat(parsed.mightContain(members.get(i))).isTrue();
        }
        assertThat(parsed.itemCount()).isEqualTo(5000);
        assertThat(parsed.payload()).isEqualTo(built.payload());
    }

    @ParameterizedTest
    @EnumSource(value = SetupEncoding.class, names = {"GCS", "BLOOM"})
    void falsePositiveRateStaysNearTheConfiguredRate(SetupEncoding encoding) {
        double rate = 0.01;
        ServerSetDigest digest = encoding.build(randomElements(5000), rate);
        PackedElements others = randomElements(40_000);
        int falsePositives = 0;
        for (int i = 0; i < others.count(); i++) {
            falsePositives += digest.mightContain(others.get(i)) ? 1 : 0;
        }
        // expected ≈ 400 (GCS: at most 2^-7 ≈ 0.0078 → ≈ 312); a generous bound against a broken hash
        assertThat(falsePositives).isBetween(150, 700);
    }

    @Test
    void exactNeverHasFalsePositives() {
        ServerSetDigest digest = SetupEncoding.EXACT.build(randomElements(2000), 0.5);
        PackedElements others = randomElements(20_000);
        for (int i = 0; i < others.count(); i++) {
            assertThat(digest.mightContain(others.get(i))).isFalse();
        }
    }

    @Test
    void gcsIsCompact() {
        ServerSetDigest digest = SetupEncoding.GCS.build(randomElements(10_000), 1e-9);
        // Golomb-Rice with k = 30 costs about k + 2 bits per item
        assertThat(digest.payload().length).isLessThan(10_000 * 33 / 8);
    }

    @Test
    void exactDeduplicatesButCountsItems() {
        PackedElements elements = randomElements(3);
        PackedElements withDuplicate = PackedElements.allocate(4, 32);
        for (int i = 0; i < 3; i++) {
            withDuplicate.set(i, elements.get(i));
        }
        withDuplicate.set(3, elements.get(0));
        ServerSetDigest digest = SetupEncoding.EXACT.build(withDuplicate, 0.5);
        assertThat(digest.payload()).hasSize(3 * 32);
        assertThat(digest.itemCount()).isEqualTo(4);
    }

    @Test
    void malformedPayloadsAreRejected() {
        byte[] gcs = SetupEncoding.GCS.build(randomElements(100), 1e-3).payload();
        assertThatThrownBy(() -> SetupEncoding.GCS.parse(Arrays.copyOf(gcs, gcs.length / 2), 100, 32))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] badRice = gcs.clone();
        badRice[0] = 99;
        assertThatThrownBy(() -> SetupEncoding.GCS.parse(badRice, 100, 32))
                .hasMessageContaining("Rice parameter");

        byte[] bloom = SetupEncoding.BLOOM.build(randomElements(100), 1e-3).payload();
        assertThatThrownBy(() -> SetupEncoding.BLOOM.parse(Arrays.copyOf(bloom, bloom.length - 1), 100, 32))
                .hasMessageContaining("does not match");

        byte[] exact = SetupEncoding.EXACT.build(randomElements(10), 0.5).payload();
        assertThatThrownBy(() -> SetupEncoding.EXACT.parse(Arrays.copyOf(exact, 33), 10, 32))
                .hasMessageContaining("whole number");
        byte[] unsorted = new byte[64];
        unsorted[0] = 1;
        assertThatThrownBy(() -> SetupEncoding.EXACT.parse(unsorted, 2, 32))
                .hasMessageContaining("not strictly sorted");
    }

    @Test
    void riceParameterFollowsTheRate() {
        assertThat(GolombCompressedSet.riceBitsFor(1e-9)).isEqualTo(30);
        assertThat(GolombCompressedSet.riceBitsFor(0.5)).isEqualTo(1);
        assertThat(GolombCompressedSet.riceBitsFor(1e-20)).isEqualTo(GolombCompressedSet.MAX_RICE_BITS);
        assertThatThrownBy(() -> GolombCompressedSet.riceBitsFor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
