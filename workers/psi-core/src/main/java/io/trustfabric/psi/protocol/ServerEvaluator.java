package io.trustfabric.psi.protocol;

import io.trustfabric.psi.group.PrimeOrderGroup;
import io.trustfabric.psi.group.Scalar;
import java.util.List;
import java.util.Random;

/**
 * The server's side of ECDH-PSI: it raises the partner's blinded elements H(x)^a to its epoch key b,
 * and evaluates its own items to H(y)^b for the setup.
 */
public final class ServerEvaluator {
    private final PrimeOrderGroup group;

    public ServerEvaluator(PrimeOrderGroup group) {
        this.group = group;
    }

    /**
     * (H(x)^a)^b for each blinded element, in request order for {@link PsiMode#PSI} and shuffled with
     * {@code shuffleRandom} for {@link PsiMode#PSI_CA}.
     *
     * @throws io.trustfabric.psi.group.InvalidElementException if any element is not a valid group element; nothing is returned then
     */
    public PackedElements answer(Scalar key, PackedElements blinded, PsiMode mode, Random shuffleRandom) {
        byte[][] inputs = new byte[blinded.count()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = blinded.get(i);
        }
        PackedElements evaluated = pack(group.multiplyAll(key, inputs));
        if (mode == PsiMode.PSI_CA) {
            SecureShuffle.shuffle(evaluated, shuffleRandom);
        }
        return evaluated;
    }

    /** H(y)^b for items {@code from} (inclusive) to {@code to} (exclusive), written to the same positions of {@code out}. */
    public void evaluateItems(Scalar key, byte[] dst, List<byte[]> items, int from, int to, PackedElements out) {
        byte[][] messages = items.subList(from, to).toArray(new byte[0][]);
        byte[][] evaluated = group.hashAndMultiplyAll(key, messages, dst);
        for (int i = 0; i < evaluated.length; i++) {
            out.set(from + i, evaluated[i]);
        }
    }

    private PackedElements pack(byte[][] elements) {
        PackedElements packed = PackedElements.allocate(elements.length, group.elementBytes());
        for (int i = 0; i < elements.length; i++) {
            packed.set(i, elements[i]);
        }
        return packed;
    }

    /** The epoch's secret key b = scalarFromSeed(seed || epoch). */
    public Scalar epochKey(byte[] seed, KeyEpochContext context) {
        return group.scalarFromSeed(context.keyMaterial(seed));
    }
}
