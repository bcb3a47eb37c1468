package io.trustfabric.psi.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trustfabric.psi.group.InvalidElementException;
import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import io.trustfabric.psi.group.Curve25519Group;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ProtocolRoundTripTest {
    private static final PrimeOrderGroup GROUP = new Curve25519Group();
    private static final KeyEpochContext CONTEXT = new KeyEpochContext("trust", "acme", 3);
    private final Random random = new Random(42);
    private final SecureRandom secureRandom = new SecureRandom();

    @ParameterizedTest
    @EnumSource(SetupEncoding.class)
    void psiFindsExactlyThePlainIntersection(SetupEncoding encoding) {
        for (int trial = 0; trial < 3; trial++) {
            Sets sets = randomSets(400, 60, random.nextInt(40));
            ServerSetDigest digest = serverSetup(sets.server(), encoding, 1e-9);
            PartnerQuery query = PartnerQuery.blind(GROUP, CONTEXT, Normalization.NONE, sets.client(), secureRandom);
            PackedElements answer = new ServerEvaluator(GROUP).answer(key(), query.blinded(), PsiMode.PSI, secureRandom);

            assertThat(query.matchingItems(answer, digest)).containsExactlyElementsOf(sets.plainIntersection());
        }
    }

    @ParameterizedTest
    @EnumSource(SetupEncoding.class)
    void psiCaCountsThePlainIntersection(SetupEncoding encoding) {
        Sets sets = randomSets(500, 80, 33);
        ServerSetDigest digest = serverSetup(sets.server(), encoding, 1e-9);
        PartnerQuery query = PartnerQuery.blind(GROUP, CONTEXT, Normalization.NONE, sets.client(), secureRandom);
        PackedElements answer = new ServerEvaluator(GROUP).answer(key(), query.blinded(), PsiMode.PSI_CA, secureRandom);

        assertThat(query.countMatches(answer, digest)).isEqualTo(33);
    }

    @Test
    void anotherEpochsBlindingNeverMatches() {
        Sets sets = randomSets(100, 20, 20);
        ServerSetDigest digest = serverSetup(sets.server(), SetupEncoding.EXACT, 0);
        KeyEpochContext oldEpoch = new KeyEpochContext("trust", "acme", 2);
        PartnerQuery query = PartnerQuery.blind(GROUP, oldEpoch, Normalization.NONE, sets.client(), secureRandom);
        PackedElements answer = new ServerEvaluator(GROUP).answer(key(), query.blinded(), PsiMode.PSI, secureRandom);

        assertThat(query.countMatches(answer, digest)).isZero();
    }

    @Test
    void normalizationIsAppliedIdenticallyOnBothSides() {
        List<String> server = List.of("alice@example.com", "bob@example.com");
        ServerSetDigest digest = serverSetup(server, SetupEncoding.EXACT, 0, Normalization.EMAIL_LOWERCASE);
        PartnerQuery query = PartnerQuery.blind(GROUP, CONTEXT, Normalization.EMAIL_LOWERCASE,
                List.of("  Alice@Example.COM", "carol@example.com"), secureRandom);
        PackedElements answer = new ServerEvaluator(GROUP).answer(key(), query.blinded(), PsiMode.PSI, secureRandom);

        assertThat(query.matchingItems(answer, digest)).containsExactly("  Alice@Example.COM");
    }

    @Test
    void repeatedItemsAreBlindedOnceAndCountedOnceButEveryRepeatIsListed() {
        List<String> server = List.of("alice@example.com", "bob@example.com");
        ServerSetDigest digest = serverSetup(server, SetupEncoding.EXACT, 0, Normalization.EMAIL_LOWERCASE);
        PartnerQuery query = PartnerQuery.blind(GROUP, CONTEXT, Normalization.EMAIL_LOWERCASE,
                List.of("alice@example.com", "Alice@Example.com", "carol@example.com", "alice@example.com"),
                secureRandom);
        assertThat(query.size()).as("distinct items after normalization").isEqualTo(2);
        assertThat(query.blinded().firstRepeat()).as("the worker refuses repeats; the client sends none").isNull();
        PackedElements answer = new ServerEvaluator(GROUP).answer(key(), query.blinded(), PsiMode.PSI, secureRandom);

        assertThat(query.countMatches(answer, digest)).isEqualTo(1);
        assertThat(query.matchingItems(answer, digest))
                .containsExactly("alice@example.com", "Alice@Example.com", "alice@example.com");
    }

    @Test
    void firstRepeatNamesBothPositionsOfTheFirstRepeatedElement() {
        PackedElements elements = PackedElements.allocate(4, 2);
        elements.set(0, new byte[] {1, 2});
        elements.set(1, new byte[] {3, 4});
        elements.set(2, new byte[] {5, 6});
        elements.set(3, new byte[] {3, 4});
        assertThat(elements.firstRepeat()).containsExactly(1, 3);
        elements.set(3, new byte[] {3, 5});
        assertThat(elements.firstRepeat()).isNull();
    }

    @Test
    void badPointInQueryIsRejectedWithItsIndex() {
        PackedElements blinded = PartnerQuery.blind(GROUP, CONTEXT, Normalization.NONE, List.of("a", "b"),
                secureRandom).blinded();
        byte[] outOfRange = new byte[32];
        java.util.Arrays.fill(outOfRange, (byte) 0xff);
        blinded.set(1, outOfRange);

        assertThatThrownBy(() -> new ServerEvaluator(GROUP).answer(key(), blinded, PsiMode.PSI, secureRandom))
                .isInstanceOf(InvalidElementException.class)
                .hasMessageStartingWith("element 1:");
    }

    @Test
    void answerWithWrongCountIsRejected() {
        PartnerQuery query = PartnerQuery.blind(GROUP, CONTEXT, Normalization.NONE, List.of("a", "b"), secureRandom);
        ServerSetDigest digest = serverSetup(List.of("a"), SetupEncoding.EXACT, 0);

        assertThatThrownBy(() -> query.countMatches(PackedElements.allocate(1, 32), digest))
                .hasMessageContaining("answered 1 elements for 2 sent");
    }

    static ServerSetDigest serverSetup(List<String> items, SetupEncoding encoding, double fpr) {
        return serverSetup(items, encoding, fpr, Normalization.NONE);
    }

    static ServerSetDigest serverSetup(List<String> items, SetupEncoding encoding, double fpr, Normalization n) {
        List<byte[]> messages = items.stream().map(n::apply).toList();
        PackedElements evaluated = PackedElements.allocate(messages.size(), GROUP.elementBytes());
        new ServerEvaluator(GROUP).evaluateItems(key(), CONTEXT.dst(), messages, 0, messages.size(), evaluated);
        return encoding.build(evaluated, fpr == 0 ? 1e-9 : fpr);
    }

    static Scalar key() {
        return new ServerEvaluator(GROUP).epochKey("seed-for-tests-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                CONTEXT);
    }

    private record Sets(List<String> server, List<String> client, List<String> plainIntersection) {
    }

    private Sets randomSets(int serverSize, int clientSize, int overlap) {
        Set<String> server = new HashSet<>();
        while (server.size() < serverSize) {
            server.add("s" + random.nextLong());
        }
        List<String> serverList = new ArrayList<>(server);
        List<String> client = new ArrayList<>();
        for (int i = 0; i < overlap; i++) {
            client.add(serverList.get(i));
        }
        while (client.size() < clientSize) {
            client.add("c" + random.nextLong());
        }
        java.util.Collections.shuffle(client, random);
        List<String> intersection = client.stream().filter(server::contains).toList();
        return new Sets(serverList, client, intersection);
    }
}
