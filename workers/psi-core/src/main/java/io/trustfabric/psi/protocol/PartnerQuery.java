package io.trustfabric.psi.protocol;

import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One query of the partner's side of ECDH-PSI: blinds items as H(x)^a under the server's tenant and epoch,
 * then removes a from the server's answer and looks the results up in the server's set digest.
 */
public final class PartnerQuery {
    private final PrimeOrderGroup group;
    private final List<String> items;
    private final Scalar blindingKey;
    private final PackedElements blinded;
    private final long epoch;
    /** For each item, the index of its (distinct, normalized) blinded element. */
    private final int[] elementOf;

    private PartnerQuery(PrimeOrderGroup group, List<String> items, int[] elementOf, Scalar blindingKey,
                         PackedElements blinded, long epoch) {
        this.group = group;
        this.items = items;
        this.elementOf = elementOf;
        this.blindingKey = blindingKey;
        this.blinded = blinded;
        this.epoch = epoch;
    }

    /**
     * Normalizes and blinds {@code items} with a fresh random scalar a. Items equal after normalization are blinded
     * once: the worker refuses a query that repeats an element ({@code duplicate-elements}), and PSI-CA counts
     * distinct items.
     */
    public static PartnerQuery blind(PrimeOrderGroup group, KeyEpochContext context, Normalization normalization,
                                     List<String> items, SecureRandom random) {
        Scalar a = group.randomScalar(random);
        byte[] dst = context.dst();
        int[] elementOf = new int[items.size()];
        java.util.Map<java.nio.ByteBuffer, Integer> distinct = new java.util.LinkedHashMap<>();
        for (int i = 0; i < elementOf.length; i++) {
            java.nio.ByteBuffer message = java.nio.ByteBuffer.wrap(normalization.apply(items.get(i)));
            Integer index = distinct.putIfAbsent(message, distinct.size());
            elementOf[i] = index == null ? distinct.size() - 1 : index;
        }
        byte[][] messages = distinct.keySet().stream().map(java.nio.ByteBuffer::array).toArray(byte[][]::new);
        byte[][] elements = group.hashAndMultiplyAll(a, messages, dst);
        PackedElements blinded = PackedElements.allocate(elements.length, group.elementBytes());
        for (int i = 0; i < elements.length; i++) {
            blinded.set(i, elements[i]);
        }
        return new PartnerQuery(group, List.copyOf(items), elementOf, a, blinded, context.epoch());
    }

    public PackedElements blinded() {
        return blinded;
    }

    public long epoch() {
        return epoch;
    }

    /** The number of elements sent: the distinct items after normalization. */
    public int size() {
        return blinded.count();
    }

    /** PSI-CA: how many unblinded answers are in the server's set (distinct items after normalization). */
    public int countMatches(PackedElements answer, ServerSetDigest digest) {
        boolean[] matches = match(answer, digest);
        int count = 0;
        for (boolean m : matches) {
            count += m ? 1 : 0;
        }
        return count;
    }

    /** PSI: the items whose answer is in the server's set, in the order they were given (repeats included). */
    public List<String> matchingItems(PackedElements answer, ServerSetDigest digest) {
        boolean[] matches = match(answer, digest);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < elementOf.length; i++) {
            if (matches[elementOf[i]]) {
                result.add(items.get(i));
            }
        }
        return result;
    }

    /**
     * Unblinds each answer with a^-1 (which validates it as a group element) and looks it up.
     *
     * @throws IllegalArgumentException if the answer has the wrong number of elements
     * @throws io.trustfabric.psi.group.InvalidElementException if an answer is not a valid group element
     */
    private boolean[] match(PackedElements answer, ServerSetDigest digest) {
        if (answer.count() != blinded.count()) {
            throw new IllegalArgumentException("the server answered " + answer.count()
                    + " elements for " + blinded.count() + " sent");
        }
        Scalar unblind = group.inverse(blindingKey);
        try {
            byte[][] received = new byte[answer.count()][];
            for (int i = 0; i < received.length; i++) {
                received[i] = answer.get(i);
            }
            byte[][] unblinded = group.multiplyAll(unblind, received);
            boolean[] matches = new boolean[unblinded.length];
            for (int i = 0; i < matches.length; i++) {
                matches[i] = digest.mightContain(unblinded[i]);
            }
            return matches;
        } finally {
            unblind.destroy();
        }
    }
}
